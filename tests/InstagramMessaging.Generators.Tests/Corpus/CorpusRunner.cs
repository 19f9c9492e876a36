using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using InstagramMessaging.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace InstagramMessaging.Generators.Tests.Corpus;

// Runs the generator and every analyzer of the package over sources, as a build does, and returns everything
// they and the compiler report (generator failures are CS8784/CS8785, analyzer failures AD0001).
internal static class CorpusRunner
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(
        new ContractValueAnalyzer(), new ContractDeclarationAnalyzer(), new MediaFileAnalyzer());

    public static async Task<ImmutableArray<Diagnostic>> RunAsync(params string[] sources)
    {
        var (driver, output, generatorDiagnostics) = TestCompilation.Run(TestCompilation.Create(sources));
        var exceptions = driver.GetRunResult().Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString()).ToArray();
        Xunit.Assert.True(exceptions.Length == 0, string.Join("\n", exceptions));
        var analyzed = await output.WithAnalyzers(Analyzers).GetAllDiagnosticsAsync();
        return generatorDiagnostics.AddRange(analyzed);
    }

    public static string Describe(ImmutableArray<Diagnostic> diagnostics)
        => string.Join("\n", diagnostics.Select(d => d.ToString()));
}
