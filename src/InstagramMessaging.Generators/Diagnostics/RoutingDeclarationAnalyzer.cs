using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>
/// Reports what stops routing from calling a handler as written: two handlers for one payload (IGM031), and a
/// method, class or payload routing cannot use (IGM033), including routing attributes on a class that is not
/// marked <c>[InstagramWebhookHandler]</c>, which would otherwise do nothing at all.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RoutingDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.DuplicateRoute,
        DiagnosticDescriptors.UncallableHandler);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // A compilation whose runtime library has no routing has nothing to check.
            if (start.Compilation.GetTypeByMetadataName(RouteTable.HandlerAttribute) is null)
            {
                return;
            }

            start.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
            start.RegisterSymbolAction(AnalyzeMethod, SymbolKind.Method);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!RoutingReader.IsHandler(type))
        {
            return;
        }

        var problems = new List<RoutingProblem>();
        RoutingReader.Read(type, problems, context.CancellationToken);
        foreach (var problem in problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(problem.Descriptor, problem.Location, problem.Args));
        }
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.ContainingType is not { } type || RoutingReader.IsHandler(type))
        {
            return;
        }

        var route = method.GetAttributes().FirstOrDefault(a => RouteTable.ForAttribute(a.AttributeClass) is not null);
        if (route is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UncallableHandler, method.Locations.FirstOrDefault(), method.Name,
                $"its class '{type.Name}' is not marked [InstagramWebhookHandler], so nothing routes to it"));
        }
    }
}
