using System.Collections.Generic;
using System.Collections.Immutable;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>Reports what makes an <c>[InstagramMessage]</c> declaration an invalid contract (IGM004, IGM008, IGM009, IGM011, IGM012).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContractDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ContractNotPartialRecord,
        DiagnosticDescriptors.UnsupportedMemberType,
        DiagnosticDescriptors.NoContent,
        DiagnosticDescriptors.GenericContract,
        DiagnosticDescriptors.DuplicateMember);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // A compilation that does not reference the runtime library has no contracts: do nothing.
            if (start.Compilation.GetTypeByMetadataName(KnownNames.InstagramMessageAttribute) is null)
            {
                return;
            }

            start.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!ContractReader.IsContract(type))
        {
            return;
        }

        var problems = new List<ContractProblem>();
        ContractReader.Read(type, problems, context.CancellationToken);
        foreach (var problem in problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.For(problem.Rule), problem.Location, problem.Args));
        }
    }
}
