using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace InstagramMessaging.Generators.Tests;

// Runs one analyzer over markup source with .NET 8 references and the runtime library; nothing is downloaded.
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAsync(source, withRuntime: true, CompilerDiagnostics.Errors, expected);

    public static Task VerifyAsync(string source, bool withRuntime, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
        => VerifyAsync(source, withRuntime, compilerDiagnostics, _ => { }, expected);

    public static Task VerifyAsync(string source, bool withRuntime, CompilerDiagnostics compilerDiagnostics, System.Action<SolutionState> configure, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = new ReferenceAssemblies("custom"),
            CompilerDiagnostics = compilerDiagnostics,
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
        if (withRuntime)
        {
            test.TestState.AdditionalReferences.Add(typeof(InstagramMessageAttribute).Assembly);
        }

        configure(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
}
