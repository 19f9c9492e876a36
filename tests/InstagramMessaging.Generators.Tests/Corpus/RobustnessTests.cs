using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace InstagramMessaging.Generators.Tests.Corpus;

/// <summary>
/// Issue 11, robustness: half-typed versions of the test contracts (tokens deleted, duplicated, swapped; lines
/// duplicated; identifiers renamed onto existing names; literals of the wrong type; truncated files) never make
/// the generator throw (CS8784/CS8785) or an analyzer throw (AD0001), and the generator writes the same output
/// fresh and as an incremental edit on a warm driver, as an IDE runs it.
/// The seed is fixed and the count bounded for CI. A long run:
/// <c>IGM_FUZZ_COUNT=20000 IGM_FUZZ_SEED=7 dotnet test tests/InstagramMessaging.Generators.Tests --filter RobustnessTests</c>.
/// </summary>
public class RobustnessTests
{
    private const int DefaultCount = 120;
    private const int DefaultSeed = 11;

    private readonly ITestOutputHelper _output;

    public RobustnessTests(ITestOutputHelper output) => _output = output;

    private const string Sites = """
        namespace Corpus.Site
        {
            using Corpus;
            public static class Use
            {
                public static object A(string s) => new Note($"Hello {s}", "mid.1");
                public static object B() => new InitNote { Text = "x", To = null };
                public static object C() => new Cards([new GenericElement("Hat") { Subtitle = "Warm", Buttons = [Button.Url("Buy", "https://a.example/b")] }]);
                public static object D() => new Album([MediaSource.FromUrl("https://a.example/1.png"), new AttachmentId("42")]);
                public static object E() => new Poll("Pick", [new QuickReply(Payload: "P", Title: "Red")]);
                public static object F() => new Next("Go on?", Button.Postback("Go", "GO"));
                public static object G(Note n) => n with { Text = "again" };
                public static object H() => new IceBreakerSet("default", [new IceBreaker("Hours?", "HOURS")]);
            }
        }
        """;

    [Fact]
    public async Task Mutated_half_typed_contracts_never_crash_and_incremental_equals_fresh()
    {
        var count = EnvironmentInt("IGM_FUZZ_COUNT", DefaultCount);
        var seed = EnvironmentInt("IGM_FUZZ_SEED", DefaultSeed);
        var random = new Random(seed);
        var original = new[] { PrecisionCorpusTests.Header + PrecisionCorpusTests.Contracts, PrecisionCorpusTests.Header + Sites };
        var baseCompilation = TestCompilation.Create(original);
        var warm = TestCompilation.CreateDriver().RunGenerators(baseCompilation);
        var started = DateTime.UtcNow;

        for (var i = 0; i < count; i++)
        {
            var file = random.Next(original.Length);
            var (kind, mutated) = Mutate(original[file], random);
            var tree = CSharpSyntaxTree.ParseText(mutated, TestCompilation.ParseOptions, path: $"Source{file}.cs");
            var compilation = baseCompilation.ReplaceSyntaxTree(baseCompilation.SyntaxTrees.ElementAt(file), tree);
            var context = $"mutant {i} (seed {seed}, {kind}, file {file}):\n{mutated}";

            // Fresh, as a command-line build runs the generator.
            var fresh = TestCompilation.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            AssertNoGeneratorFailure(fresh, diagnostics, context);

            // Incremental, as an IDE runs it: the warm driver has seen the previous edit.
            warm = warm.RunGeneratorsAndUpdateCompilation(compilation, out _, out var warmDiagnostics);
            AssertNoGeneratorFailure(warm, warmDiagnostics, context);
            Assert.True(Sources(fresh).SequenceEqual(Sources(warm)), "fresh and incremental output differ for " + context);

            var analyzerDiagnostics = await output.WithAnalyzers(CorpusRunner.Analyzers).GetAnalyzerDiagnosticsAsync();
            var failures = analyzerDiagnostics.Where(d => d.Id == "AD0001").ToArray();
            Assert.True(failures.Length == 0, string.Join("\n", failures.Select(f => f.GetMessage())) + "\n" + context);
        }

        _output.WriteLine($"{count} mutants, seed {seed}, {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
    }

    private static void AssertNoGeneratorFailure(GeneratorDriver driver, ImmutableArray<Diagnostic> diagnostics, string context)
    {
        var exceptions = driver.GetRunResult().Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString()).ToArray();
        Assert.True(exceptions.Length == 0, string.Join("\n", exceptions) + "\n" + context);
        var failures = diagnostics.Where(d => d.Id is "CS8784" or "CS8785").ToArray();
        Assert.True(failures.Length == 0, string.Join("\n", failures.Select(f => f.GetMessage())) + "\n" + context);
    }

    private static KeyValuePair<string, string>[] Sources(GeneratorDriver driver)
        => TestCompilation.GeneratedSources(driver).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();

    private static int EnvironmentInt(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;

    private static readonly string[] s_wrongLiterals = { "42", "3.14", "true", "null", "'c'", "\"\"", "default", "new object()", "[]" };

    // One to three edits of one kind, at random places.
    private static (string Kind, string Text) Mutate(string text, Random random)
    {
        var tokens = CSharpSyntaxTree.ParseText(text, TestCompilation.ParseOptions).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToArray();
        var identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).Distinct().ToArray();
        var kind = random.Next(7);
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits; e++)
        {
            tokens = CSharpSyntaxTree.ParseText(text, TestCompilation.ParseOptions).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToArray();
            var token = tokens[random.Next(tokens.Length)];
            var span = token.Span;
            switch (kind)
            {
                case 0: // delete a token
                    text = text.Remove(span.Start, span.Length);
                    break;
                case 1: // duplicate a token
                    text = text.Insert(span.End, " " + token.Text);
                    break;
                case 2: // swap two neighbouring tokens
                    var index = Array.IndexOf(tokens, token);
                    if (index + 1 < tokens.Length)
                    {
                        var next = tokens[index + 1];
                        text = text.Substring(0, span.Start) + next.Text + text.Substring(span.End, next.SpanStart - span.End) + token.Text + text.Substring(next.Span.End);
                    }

                    break;
                case 3: // duplicate a line
                    var lines = text.Split('\n').ToList();
                    var line = random.Next(lines.Count);
                    lines.Insert(line, lines[line]);
                    text = string.Join("\n", lines);
                    break;
                case 4: // rename an identifier onto an existing name
                    var identifiersHere = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToArray();
                    var target = identifiersHere[random.Next(identifiersHere.Length)];
                    text = text.Remove(target.SpanStart, target.Span.Length).Insert(target.SpanStart, identifiers[random.Next(identifiers.Length)]);
                    break;
                case 5: // a literal of the wrong type
                    var literals = tokens.Where(t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.NumericLiteralToken) || t.IsKind(SyntaxKind.InterpolatedStringStartToken)).ToArray();
                    if (literals.Length > 0)
                    {
                        var literal = literals[random.Next(literals.Length)];
                        text = text.Remove(literal.SpanStart, literal.Span.Length).Insert(literal.SpanStart, s_wrongLiterals[random.Next(s_wrongLiterals.Length)]);
                    }

                    break;
                default: // truncate the file
                    text = text.Substring(0, random.Next(text.Length));
                    e = edits;
                    break;
            }
        }

        return (new[] { "token deleted", "token duplicated", "tokens swapped", "line duplicated", "identifier renamed", "wrong literal", "truncated" }[kind], text);
    }
}
