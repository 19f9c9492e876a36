using System.Collections.Generic;
using System.Linq;
using System.Threading;
using InstagramMessaging.Generators.Diagnostics;
using InstagramMessaging.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InstagramMessaging.Generators.Parsing;

/// <summary>
/// Reads an <c>[InstagramWebhookHandler]</c> class: its routes and every problem that stops routing from calling
/// one (IGM031, IGM033). The generator emits the routes that work and says nothing; the analyzers report the
/// problems. Both read through here, so they agree on what is routed.
/// </summary>
internal static class RoutingReader
{
    public static bool IsHandler(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "InstagramWebhookHandlerAttribute" } attributeClass && RouteTable.IsInEventNamespace(attributeClass))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads <paramref name="type"/>; returns its spec (the routes that work), or null when no dispatch can be added to the class.</summary>
    public static HandlerSpec? Read(INamedTypeSymbol type, List<RoutingProblem>? problems, CancellationToken cancellationToken)
    {
        var classProblem = ClassProblem(type, cancellationToken);
        if (classProblem is not null)
        {
            problems?.Add(new RoutingProblem(DiagnosticDescriptors.UncallableHandler, type.Locations.FirstOrDefault(), type.Name, classProblem));
        }

        var routes = ReadRoutes(type, problems, cancellationToken);
        if (classProblem is not null)
        {
            return null;
        }

        var containing = new List<ContainingTypeSpec>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(ContractReader.Keyword(t), ContractReader.EscapeIdentifier(t.Name)));
        }

        return new HandlerSpec(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            ContractReader.EscapeIdentifier(type.Name),
            ContractReader.Keyword(type),
            new EquatableArray<ContainingTypeSpec>(containing),
            new EquatableArray<RouteSpec>(routes.Select(r => new RouteSpec(
                r.Row.Kind, r.Payload, ContractReader.EscapeIdentifier(r.Method.Name), r.TakesCancellationToken, r.ReturnsTask, ParameterCast(type, r)))));
    }

    /// <summary>The routes of <paramref name="type"/> that routing can call, first wins for a payload routed twice.</summary>
    public static List<FoundRoute> ReadRoutes(INamedTypeSymbol type, List<RoutingProblem>? problems, CancellationToken cancellationToken)
    {
        var routes = new List<FoundRoute>();
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (RouteTable.ForAttribute(attribute.AttributeClass) is not { } row)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
                var location = syntax?.ArgumentList?.Arguments.FirstOrDefault()?.Expression.GetLocation()
                    ?? syntax?.GetLocation()
                    ?? method.Locations.FirstOrDefault();
                string? payload = null;
                if (row.HasPayload)
                {
                    payload = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                    if (string.IsNullOrEmpty(payload))
                    {
                        problems?.Add(new RoutingProblem(DiagnosticDescriptors.UncallableHandler, location, method.Name,
                            $"the {row.AttributeDisplayName} payload is null or empty, and Instagram never delivers an empty payload"));
                        continue;
                    }
                }

                if (SignatureProblem(method, row, attribute.AttributeClass!, out var takesToken, out var returnsTask) is { } why)
                {
                    problems?.Add(new RoutingProblem(DiagnosticDescriptors.UncallableHandler, method.Locations.FirstOrDefault(), method.Name, why));
                    continue;
                }

                var first = routes.FindIndex(r => r.Row.Kind == row.Kind && r.Payload == payload);
                if (first >= 0)
                {
                    problems?.Add(new RoutingProblem(DiagnosticDescriptors.DuplicateRoute, location,
                        Describe(row, payload), routes[first].Method.Name, method.Name));
                    continue;
                }

                routes.Add(new FoundRoute(row, payload, method, location, takesToken, returnsTask));
            }
        }

        return routes;
    }

    /// <summary>How messages name a route: <c>the quick reply payload "X"</c>, or <c>[OnReaction]</c>.</summary>
    public static string Describe(RouteRow row, string? payload)
        => payload is null ? row.AttributeDisplayName : $"the {row.Noun} payload \"{payload}\"";

    private static string? ParameterCast(INamedTypeSymbol type, FoundRoute route)
    {
        var parameter = route.Method.Parameters[0].Type;
        if (parameter.Name == route.Row.EventTypeName || type.GetMembers(route.Method.Name).Length < 2)
        {
            return null;
        }

        return parameter.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }

    private static string? ClassProblem(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.IsStatic)
        {
            return "a static class cannot implement IInstagramWebhookHandler";
        }

        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsGenericType)
            {
                return "routing does not support generic handler classes (or classes nested in generic types)";
            }
        }

        if (!ContractReader.IsPartial(type, cancellationToken) || !ContractReader.AllContainersPartial(type, cancellationToken))
        {
            return "the class (and every type it is nested in) must be partial, so the generator can add HandleAsync to it";
        }

        return null;
    }

    private static string? SignatureProblem(IMethodSymbol method, RouteRow row, INamedTypeSymbol attributeClass, out bool takesToken, out bool returnsTask)
    {
        takesToken = false;
        returnsTask = false;
        var expected = $"it must be 'Task' or 'ValueTask' {method.Name}({row.EventTypeName}[, CancellationToken]) to handle {row.AttributeDisplayName}";
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return "only ordinary methods are routed";
        }

        if (method.IsGenericMethod)
        {
            return "a generic method cannot be routed; " + expected;
        }

        if (method.Parameters.Length is < 1 or > 2 || method.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            return expected;
        }

        // The parameter may be the event's own type or a base of it (MessageContentEvent, InstagramWebhookEvent).
        var eventType = attributeClass.ContainingNamespace.GetTypeMembers(row.EventTypeName).FirstOrDefault();
        if (eventType is null || !IsSameOrBase(method.Parameters[0].Type, eventType))
        {
            return expected;
        }

        if (method.Parameters.Length == 2)
        {
            if (method.Parameters[1].Type is not { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
            {
                return expected;
            }

            takesToken = true;
        }

        if (method.ReturnType is not INamedTypeSymbol { Arity: 0, Name: "Task" or "ValueTask" } returnType
            || returnType.ContainingNamespace is not { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
        {
            return expected;
        }

        returnsTask = returnType.Name == "Task";
        return null;
    }

    private static bool IsSameOrBase(ITypeSymbol candidate, INamedTypeSymbol eventType)
    {
        for (ITypeSymbol? t = eventType; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, candidate))
            {
                return true;
            }
        }

        return false;
    }
}
