using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Generators.Diagnostics;
using InstagramMessaging.Generators.Model;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace InstagramMessaging.CodeFixes;

/// <summary>
/// IGM032: adds a handler method stub for the unrouted payload to the handler class (which may live in another
/// file than the send site). Fix-all adds one stub per payload and handler class, across documents.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRouteHandlerCodeFix))]
[Shared]
public sealed class AddRouteHandlerCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "IGM032.AddHandler";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnroutedPayload.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => AddRouteHandlersFixAll.Instance;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Read(diagnostic) is { } request)
            {
                var solution = context.Document.Project.Solution;
                context.RegisterCodeFix(
                    CodeAction.Create($"Add a handler for \"{request.Payload}\"", ct => AddHandlersAsync(solution, new[] { diagnostic }, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Adds one stub per distinct payload to each handler class the diagnostics name.</summary>
    internal static async Task<Solution> AddHandlersAsync(Solution solution, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var byClass = diagnostics
            .Select(Read)
            .Where(r => r is not null && r.Value.HandlerClass.SourceTree is not null)
            .Select(r => r!.Value)
            .GroupBy(r => (r.HandlerClass.SourceTree!, r.HandlerClass.SourceSpan))
            .ToArray();

        foreach (var group in byClass.GroupBy(g => g.Key.Item1))
        {
            if (solution.GetDocument(group.Key) is not { } document
                || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
            {
                continue;
            }

            var replacements = new Dictionary<TypeDeclarationSyntax, TypeDeclarationSyntax>();
            foreach (var handler in group)
            {
                if (root.FindToken(handler.Key.SourceSpan.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
                {
                    continue;
                }

                var names = new HashSet<string>(type.Members.OfType<MethodDeclarationSyntax>().Select(m => m.Identifier.ValueText), StringComparer.Ordinal);
                var stubs = handler
                    .Select(r => (r.Kind, r.Payload))
                    .Distinct()
                    .OrderBy(r => r.Kind)
                    .ThenBy(r => r.Payload, StringComparer.Ordinal)
                    .Select(r => Stub(r.Kind, r.Payload, names))
                    .ToArray();
                replacements[type] = type.AddMembers(stubs);
            }

            solution = solution.WithDocumentSyntaxRoot(document.Id, root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]));
        }

        return solution;
    }

    // [OnQuickReply("HUMAN")] private ValueTask OnHumanAsync(MessageReceivedEvent message, CancellationToken cancellationToken)
    private static MemberDeclarationSyntax Stub(RouteKind kind, string payload, HashSet<string> names)
    {
        var row = RouteTable.For(kind);
        var name = UniqueName(MethodName(payload), names);
        var attribute = row.AttributeName.Substring(0, row.AttributeName.Length - "Attribute".Length);
        var text =
            $"[global::{RouteTable.EventNamespace}.{attribute}({SymbolDisplay.FormatLiteral(payload, quote: true)})]\n" +
            $"private global::System.Threading.Tasks.ValueTask {name}(global::{row.EventTypeFullName} {row.Local}, global::System.Threading.CancellationToken cancellationToken)\n" +
            "{\n" +
            "    throw new global::System.NotImplementedException();\n" +
            "}\n";
        return SyntaxFactory.ParseMemberDeclaration(text)!
            .WithLeadingTrivia(SyntaxFactory.CarriageReturnLineFeed)
            .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
    }

    // ORDER_STATUS -> OnOrderStatusAsync; what is not a letter or digit separates words.
    internal static string MethodName(string payload)
    {
        var name = new StringBuilder("On");
        var startOfWord = true;
        foreach (var c in payload)
        {
            if (!char.IsLetterOrDigit(c) || c > 127)
            {
                startOfWord = true;
                continue;
            }

            name.Append(startOfWord ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            startOfWord = false;
        }

        return (name.Length == 2 ? "OnPayload" : name.ToString()) + "Async";
    }

    private static string UniqueName(string name, HashSet<string> names)
    {
        var unique = name;
        for (var i = 2; !names.Add(unique); i++)
        {
            unique = name.Substring(0, name.Length - "Async".Length) + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "Async";
        }

        return unique;
    }

    private static (RouteKind Kind, string Payload, Location HandlerClass)? Read(Diagnostic diagnostic)
    {
        if (diagnostic.Properties.TryGetValue(PayloadCoverageAnalyzer.KindProperty, out var kindText)
            && Enum.TryParse<RouteKind>(kindText, out var kind)
            && diagnostic.Properties.TryGetValue(PayloadCoverageAnalyzer.PayloadProperty, out var payload) && payload is not null
            && diagnostic.AdditionalLocations.FirstOrDefault() is { IsInSource: true } handlerClass)
        {
            return (kind, payload, handlerClass);
        }

        return null;
    }

    /// <summary>Fix-all: the diagnostics sit at send sites, the edits go to handler classes, possibly in other documents.</summary>
    private sealed class AddRouteHandlersFixAll : FixAllProvider
    {
        public static readonly AddRouteHandlersFixAll Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
            => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var diagnostics = new List<Diagnostic>();
            switch (fixAllContext.Scope)
            {
                case FixAllScope.Document when fixAllContext.Document is not null:
                    diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false));
                    break;
                case FixAllScope.Project:
                    diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false));
                    break;
                case FixAllScope.Solution:
                    foreach (var project in fixAllContext.Solution.Projects)
                    {
                        diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                    }

                    break;
                default:
                    return null;
            }

            var solution = fixAllContext.Solution;
            return CodeAction.Create("Add a handler for every unrouted payload", ct => AddHandlersAsync(solution, diagnostics, ct), EquivalenceKey);
        }
    }
}
