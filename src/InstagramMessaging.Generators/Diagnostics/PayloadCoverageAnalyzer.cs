using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using InstagramMessaging.Generators.Model;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>
/// Compares the payloads the compilation sends with the payloads its handlers route: a handler for a payload
/// nothing sends (IGM030, a typo or a dead handler) and a payload sent that no handler routes (IGM032, only when
/// the compilation has a handler class). Send sites are <c>[QuickReply]</c> attributes, <c>new QuickReply</c>,
/// <c>new IceBreaker</c> and <c>Button.Postback</c> (template and persistent-menu buttons), with constant payloads.
/// Each symbol and operation is visited once, as the IDE analyzes it; the verdict is given at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PayloadCoverageAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: <c>QuickReply</c> or <c>Postback</c>.</summary>
    public const string KindProperty = "Kind";

    /// <summary>Diagnostic property: the payload.</summary>
    public const string PayloadProperty = "Payload";

    /// <summary>IGM030 property: the nearest payload the app sends of the same kind that no handler routes yet.</summary>
    public const string NearestProperty = "Nearest";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnsentPayload,
        DiagnosticDescriptors.UnroutedPayload);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            if (compilation.GetTypeByMetadataName(RouteTable.HandlerAttribute) is null)
            {
                return;
            }

            var collector = new Collector(
                compilation,
                compilation.GetTypeByMetadataName("InstagramMessaging.QuickReplyAttribute"),
                compilation.GetTypeByMetadataName("InstagramMessaging.QuickReply"),
                compilation.GetTypeByMetadataName("InstagramMessaging.IceBreaker"),
                compilation.GetTypeByMetadataName("InstagramMessaging.Button"));
            start.RegisterSymbolAction(collector.AnalyzeType, SymbolKind.NamedType);
            start.RegisterOperationAction(collector.AnalyzeCreation, OperationKind.ObjectCreation);
            start.RegisterOperationAction(collector.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterCompilationEndAction(collector.Report);
        });
    }

    /// <summary>The payloads of one compilation, gathered concurrently.</summary>
    private sealed class Collector
    {
        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol? _quickReplyAttribute;
        private readonly INamedTypeSymbol? _quickReply;
        private readonly INamedTypeSymbol? _iceBreaker;
        private readonly INamedTypeSymbol? _button;

        private readonly ConcurrentBag<(RouteKind Kind, string Payload, Location Location)> _sent = new();
        private readonly ConcurrentBag<(RouteKind Kind, string Prefix)> _builtAtRunTime = new();
        private readonly ConcurrentBag<(RouteKind Kind, string Payload, Location? Location)> _routed = new();
        private readonly ConcurrentBag<(string Name, Location Location)> _handlers = new();

        public Collector(Compilation compilation, INamedTypeSymbol? quickReplyAttribute, INamedTypeSymbol? quickReply, INamedTypeSymbol? iceBreaker, INamedTypeSymbol? button)
        {
            _compilation = compilation;
            _quickReplyAttribute = quickReplyAttribute;
            _quickReply = quickReply;
            _iceBreaker = iceBreaker;
            _button = button;
        }

        public void AnalyzeType(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            foreach (var attribute in type.GetAttributes())
            {
                if (_quickReplyAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _quickReplyAttribute))
                {
                    CollectQuickReplyAttribute(attribute, context);
                }
            }

            if (!RoutingReader.IsHandler(type))
            {
                return;
            }

            if (type.Locations.FirstOrDefault() is { } location)
            {
                _handlers.Add((type.Name, location));
            }

            foreach (var route in RoutingReader.ReadRoutes(type, problems: null, context.CancellationToken))
            {
                if (route.Payload is not null)
                {
                    _routed.Add((route.Row.Kind, route.Payload, route.Location));
                }
            }
        }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Constructor?.ContainingType;
            var kind = SymbolEqualityComparer.Default.Equals(type, _quickReply) ? RouteKind.QuickReply
                : SymbolEqualityComparer.Default.Equals(type, _iceBreaker) ? RouteKind.Postback
                : (RouteKind?)null;
            if (kind is { } k)
            {
                CollectArgument(k, creation.Arguments, "Payload");
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod is { Name: "Postback", IsStatic: true } method && SymbolEqualityComparer.Default.Equals(method.ContainingType, _button))
            {
                CollectArgument(RouteKind.Postback, invocation.Arguments, "payload");
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            var sent = new HashSet<(RouteKind, string)>(_sent.Select(s => (s.Kind, s.Payload)));
            var routed = new HashSet<(RouteKind, string)>(_routed.Select(r => (r.Kind, r.Payload)));
            var builtAtRunTime = _builtAtRunTime.ToArray();

            HashSet<string>? referencedQuickReplies = null;
            foreach (var (kind, payload, location) in _routed)
            {
                // A payload a send site may build at run time from a known prefix is not called dead.
                if (sent.Contains((kind, payload)) || builtAtRunTime.Any(b => b.Kind == kind && payload.StartsWith(b.Prefix, StringComparison.Ordinal)))
                {
                    continue;
                }

                // Contracts often live in a library of their own: read its [QuickReply] attributes, only when needed.
                if (kind == RouteKind.QuickReply && (referencedQuickReplies ??= ReferencedQuickReplies(context.CancellationToken)).Contains(payload))
                {
                    continue;
                }

                var nearest = Nearest(payload, sent.Where(s => s.Item1 == kind && !routed.Contains(s)).Select(s => s.Item2));
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(KindProperty, kind.ToString())
                    .Add(PayloadProperty, payload);
                if (nearest is not null)
                {
                    properties = properties.Add(NearestProperty, nearest);
                }

                var other = kind == RouteKind.QuickReply ? RouteKind.Postback : RouteKind.QuickReply;
                var hint = nearest is not null ? $"; did you mean \"{nearest}\"?"
                    : sent.Contains((other, payload)) ? $"; it is sent as a {RouteTable.For(other).Noun}: route it with {RouteTable.For(other).AttributeDisplayName}"
                    : string.Empty;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsentPayload, location, properties, RouteTable.For(kind).Noun, payload, hint));
            }

            // No handler class here: this compilation sends, another one (or none) receives.
            var handler = _handlers.OrderBy(h => h.Name, StringComparer.Ordinal).ThenBy(h => h.Location.SourceSpan.Start).FirstOrDefault();
            if (handler.Location is null)
            {
                return;
            }

            foreach (var (kind, payload, location) in _sent)
            {
                if (routed.Contains((kind, payload)))
                {
                    continue;
                }

                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(KindProperty, kind.ToString())
                    .Add(PayloadProperty, payload);
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnroutedPayload, location, new[] { handler.Location }, properties,
                    RouteTable.For(kind).Noun, payload, $"{RouteTable.For(kind).AttributeDisplayName.TrimEnd(']')}(\"{payload}\")]"));
            }
        }

        // [QuickReply] payloads of the types of referenced assemblies that themselves reference the runtime library.
        private HashSet<string> ReferencedQuickReplies(System.Threading.CancellationToken cancellationToken)
        {
            var payloads = new HashSet<string>(StringComparer.Ordinal);
            if (_quickReplyAttribute is null)
            {
                return payloads;
            }

            var runtime = _quickReplyAttribute.ContainingAssembly;
            foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (!assembly.Modules.Any(m => m.ReferencedAssemblySymbols.Contains(runtime, SymbolEqualityComparer.Default)))
                {
                    continue;
                }

                var types = new Stack<INamespaceOrTypeSymbol>();
                types.Push(assembly.GlobalNamespace);
                while (types.Count > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var member in types.Pop().GetMembers())
                    {
                        if (member is INamespaceOrTypeSymbol container)
                        {
                            types.Push(container);
                        }

                        if (member is not INamedTypeSymbol type)
                        {
                            continue;
                        }

                        foreach (var attribute in type.GetAttributes())
                        {
                            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _quickReplyAttribute) && PayloadOf(attribute) is { } payload)
                            {
                                payloads.Add(payload);
                            }
                        }
                    }
                }
            }

            return payloads;
        }

        private static string? PayloadOf(AttributeData attribute)
        {
            var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
            for (var i = 0; i < parameters.Length && i < attribute.ConstructorArguments.Length; i++)
            {
                if (parameters[i].Name == "payload")
                {
                    return attribute.ConstructorArguments[i].Value as string;
                }
            }

            return null;
        }

        private void CollectQuickReplyAttribute(AttributeData attribute, SymbolAnalysisContext context)
        {
            var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
            var index = parameters.IndexOf(parameters.FirstOrDefault(p => p.Name == "payload"), SymbolEqualityComparer.Default);
            if (index < 0 || PayloadOf(attribute) is not { } payload)
            {
                return;
            }

            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
            var arguments = syntax?.ArgumentList?.Arguments;
            var argument = arguments?.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "payload")
                ?? (arguments is { } list && index < list.Count && list[index].NameColon is null ? list[index] : null);
            var location = argument?.Expression.GetLocation() ?? syntax?.GetLocation();
            if (location is not null)
            {
                _sent.Add((RouteKind.QuickReply, payload, location));
            }
        }

        // Arguments are matched by parameter name, so named and reordered arguments count too.
        private void CollectArgument(RouteKind kind, ImmutableArray<IArgumentOperation> arguments, string parameterName)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name != parameterName || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (argument.Value.ConstantValue is { HasValue: true, Value: string payload })
                {
                    _sent.Add((kind, payload, argument.Value.Syntax.GetLocation()));
                }
                else if (KnownPrefix(argument.Value) is { Length: > 0 } prefix)
                {
                    _builtAtRunTime.Add((kind, prefix));
                }

                return;
            }
        }
    }

    /// <summary>The constant text a run-time string starts with (<c>$"ORDER_{id}"</c>, <c>"ORDER_" + id</c>); empty when unknown.</summary>
    private static string KnownPrefix(IOperation value)
    {
        switch (value)
        {
            case { ConstantValue: { HasValue: true, Value: string s } }:
                return s;
            case IConversionOperation conversion:
                return KnownPrefix(conversion.Operand);
            case IParenthesizedOperation parenthesized:
                return KnownPrefix(parenthesized.Operand);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } add:
                return add.LeftOperand.ConstantValue is { HasValue: true, Value: string left } ? left + KnownPrefix(add.RightOperand) : KnownPrefix(add.LeftOperand);
            case IInterpolatedStringOperation interpolated:
                var text = new System.Text.StringBuilder();
                foreach (var part in interpolated.Parts)
                {
                    if (part is not IInterpolatedStringTextOperation literal)
                    {
                        break;
                    }

                    text.Append(KnownPrefix(literal.Text));
                }

                return text.ToString();
            default:
                return string.Empty;
        }
    }

    /// <summary>The candidate closest to <paramref name="payload"/> by edit distance, if close enough to be a typo.</summary>
    internal static string? Nearest(string payload, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.OrderBy(c => c, StringComparer.Ordinal))
        {
            var distance = EditDistance(payload, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, Math.Max(payload.Length, best.Length) / 3) ? best : null;
    }

    /// <summary>Levenshtein distance, with a swap of two adjacent characters counted as one edit.</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
