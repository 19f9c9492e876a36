using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using InstagramMessaging.Generators.Diagnostics;

namespace InstagramMessaging.CodeFixes.Tests;

// A code-fix test over PayloadCoverageAnalyzer with .NET 8 references and the runtime library; nothing is downloaded.
internal static class RoutingCodeFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public const string Usings = "using System.Threading;\nusing System.Threading.Tasks;\nusing InstagramMessaging;\nusing InstagramMessaging.Webhooks;\n\n";

    public static CSharpCodeFixTest<PayloadCoverageAnalyzer, TCodeFix, DefaultVerifier> Create()
    {
        var test = new CSharpCodeFixTest<PayloadCoverageAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("custom"),
            // IGM030 and IGM032 are compilation-end diagnostics (non-local by design: they weigh the whole
            // compilation). The IDE shows them with full-solution analysis and from the build, and offers these fixes there.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
            state.AdditionalReferences.Add(typeof(InstagramMessageAttribute).Assembly);
        }

        return test;
    }

    public static DiagnosticResult Warning(string id) => new(id, DiagnosticSeverity.Warning);
}
