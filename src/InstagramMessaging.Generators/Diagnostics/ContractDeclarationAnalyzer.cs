using System.Collections.Immutable;
using InstagramMessaging.Generators.Parsing;
using InstagramMessaging.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>
/// Reports what makes an <c>[InstagramMessage]</c> declaration an invalid contract (IGM004, IGM006, IGM007,
/// IGM008, IGM009, IGM011, IGM012, IGM021, IGM022) and what its <c>[QuickReply]</c> attributes break (IGM013, IGM014).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContractDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.TooManyAttachments,
        DiagnosticDescriptors.ContractNotPartialRecord,
        DiagnosticDescriptors.MixedContent,
        DiagnosticDescriptors.SeveralNonImageAttachments,
        DiagnosticDescriptors.UnsupportedMemberType,
        DiagnosticDescriptors.NoContent,
        DiagnosticDescriptors.GenericContract,
        DiagnosticDescriptors.DuplicateMember,
        DiagnosticDescriptors.TooManyQuickReplies,
        DiagnosticDescriptors.QuickReplyTitleTooLong,
        DiagnosticDescriptors.EmptyValue,
        DiagnosticDescriptors.ButtonCount,
        DiagnosticDescriptors.FileLocalContract,
        DiagnosticDescriptors.ReservedMemberName);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // A compilation that does not reference the runtime library has no contracts: do nothing.
            if (KnownTypes.From(start.Compilation) is not { } known)
            {
                return;
            }

            // The contract is read once per compilation, shared with the value analyzer's facts.
            var contracts = ContractFactsCache.For(known);
            start.RegisterSymbolAction(c => AnalyzeType(c, contracts), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, ContractFactsCache contracts)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!contracts.Known.IsContract(type))
        {
            return;
        }

        foreach (var problem in contracts.For(type, context.CancellationToken).Problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.For(problem.Rule), problem.Location, problem.Args));
        }

        AnalyzeQuickReplyAttributes(context, type, contracts.Known);
    }

    private static void AnalyzeQuickReplyAttributes(SymbolAnalysisContext context, INamedTypeSymbol type, KnownTypes known)
    {
        var count = 0;
        Location? last = null;
        foreach (var attribute in type.GetAttributes())
        {
            if (!KnownTypes.Is(attribute.AttributeClass, known.QuickReplyAttribute))
            {
                continue;
            }

            count++;
            last = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation();
            if (attribute.ConstructorArguments.Length != 2)
            {
                continue;
            }

            // [QuickReply(null, null)] or "" would be dropped from the message or rejected: say so here.
            for (var i = 0; i < 2; i++)
            {
                if (attribute.ConstructorArguments[i].Value is not string { Length: > 0 })
                {
                    var what = attribute.ConstructorArguments[i].Value is null ? "null" : "empty";
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, last, i == 0 ? "Title" : "Payload", what, i == 0 ? "quick reply title" : "quick reply payload"));
                }
            }

            if (attribute.ConstructorArguments[0].Value is string title && MessageRules.CharacterCount(title) is var length && length > MessageRules.MaxQuickReplyTitleLength)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.QuickReplyTitleTooLong, last, title, length));
            }
        }

        if (count > MessageRules.MaxQuickReplies)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TooManyQuickReplies, last, type.Name, count));
        }
    }
}
