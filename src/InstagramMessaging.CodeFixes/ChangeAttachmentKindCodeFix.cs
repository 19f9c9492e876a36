using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Generators.Diagnostics;
using InstagramMessaging.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InstagramMessaging.CodeFixes;

/// <summary>
/// IGM003: changes the member's attachment attribute to the kind that takes the URL's type (a <c>.mp4</c> under
/// <c>[ImageAttachment]</c> becomes <c>[VideoAttachment]</c>). The attribute may live in another file.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChangeAttachmentKindCodeFix))]
[Shared]
public sealed class ChangeAttachmentKindCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.MediaTypeNotSupported);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(ContractValueAnalyzer.SuggestedAttributeProperty, out var suggested) && suggested is not null
                && diagnostic.AdditionalLocations.FirstOrDefault() is { IsInSource: true } attributeLocation
                && context.Document.Project.Solution.GetDocument(attributeLocation.SourceTree) is { } document)
            {
                var title = $"Send it as [{suggested}]";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ChangeAsync(document, attributeLocation, suggested, ct), equivalenceKey: title),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> ChangeAsync(Document document, Location location, string suggested, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute)
        {
            return document.Project.Solution;
        }

        // Keep how the name was written: qualified or not, with or without the Attribute suffix.
        var written = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right : attribute.Name as SimpleNameSyntax;
        if (written is null)
        {
            return document.Project.Solution;
        }

        var name = written.Identifier.ValueText.EndsWith("Attribute", System.StringComparison.Ordinal) ? suggested + "Attribute" : suggested;
        var replacement = SyntaxFactory.IdentifierName(name).WithTriviaFrom(written);
        return document.WithSyntaxRoot(root.ReplaceNode(written, replacement)).Project.Solution;
    }
}
