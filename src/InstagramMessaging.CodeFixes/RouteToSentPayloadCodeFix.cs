using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Generators.Diagnostics;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InstagramMessaging.CodeFixes;

/// <summary>
/// IGM030: replaces a route's payload with the nearest payload the app sends (a typo fix), or removes the dead
/// handler (the method, or only the attribute when the method routes something else too).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RouteToSentPayloadCodeFix))]
[Shared]
public sealed class RouteToSentPayloadCodeFix : CodeFixProvider
{
    private const string UseSentPayloadKey = "IGM030.UseSentPayload";
    private const string RemoveHandlerKey = "IGM030.RemoveHandler";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnsentPayload.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node
                || node.FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute)
            {
                continue;
            }

            if (diagnostic.Properties.TryGetValue(PayloadCoverageAnalyzer.NearestProperty, out var nearest) && nearest is not null
                && attribute.ArgumentList?.Arguments.FirstOrDefault() is { } argument)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Use \"{nearest}\", the payload the app sends", ct => UseAsync(context.Document, argument, nearest, ct), UseSentPayloadKey),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create("Remove the dead handler", ct => RemoveAsync(context.Document, attribute, ct), RemoveHandlerKey),
                diagnostic);
        }
    }

    private static async Task<Document> UseAsync(Document document, AttributeArgumentSyntax argument, string payload, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(payload))
            .WithTriviaFrom(argument.Expression);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal));
    }

    private static async Task<Document> RemoveAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || attribute.Parent is not AttributeListSyntax list || list.Parent is not MethodDeclarationSyntax method)
        {
            return document;
        }

        var routes = method.AttributeLists.SelectMany(l => l.Attributes)
            .Count(a => RouteTable.ForAttribute(model.GetTypeInfo(a, cancellationToken).Type as INamedTypeSymbol) is not null);
        SyntaxNode removed = routes > 1 ? (list.Attributes.Count > 1 ? attribute : list) : method;
        return document.WithSyntaxRoot(root.RemoveNode(removed, SyntaxRemoveOptions.KeepNoTrivia)!);
    }
}
