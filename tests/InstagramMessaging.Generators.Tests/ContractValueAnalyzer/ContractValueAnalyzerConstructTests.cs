using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractValueAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

public class ContractValueAnalyzerConstructTests
{
    private const string Contracts = """
        using System.Collections.Generic;
        using InstagramMessaging;
        [InstagramMessage] public partial record Poll([property: MessageText] string Text, [property: QuickReplies] IReadOnlyList<QuickReply> Choices);
        [InstagramMessage, QuickReply("Fixed 1", "F1"), QuickReply("Fixed 2", "F2")] public partial record MixedPoll([property: MessageText] string Text, [property: QuickReplies] IReadOnlyList<QuickReply> More);
        [InstagramMessage, ButtonTemplate] public partial record Next([property: MessageText] string Text, Button First);
        public static class Use
        {

        """;

    private static string Replies(int n) => string.Join(", ", Enumerable.Range(0, n).Select(i => $"new QuickReply(\"Choice {i}\", \"P{i}\")"));

    private static Task Verify(string body) => Verifier.VerifyAsync(Contracts + body + "\n}\n");

    [Fact]
    public Task Quick_reply_lists_are_counted_with_the_declared_ones()
        => Verify($$"""
            static object Thirteen() => new Poll("Pick", new[] { {{Replies(13)}} });
            static object Fourteen() => new Poll("Pick", {|IGM013:new[] { {{Replies(14)}} }|});
            static object FourteenAsCollectionExpression() => new Poll("Pick", {|IGM013:[{{Replies(14)}}]|});
            static object ElevenPlusTwoDeclared() => new MixedPoll("Pick", [{{Replies(11)}}]);
            static object TwelvePlusTwoDeclared() => new MixedPoll("Pick", {|IGM013:[{{Replies(12)}}]|});
            static object Unknown(QuickReply[] replies) => new Poll("Pick", replies);
            """);

    [Fact]
    public Task Quick_reply_titles_over_20_characters_are_a_warning_wherever_they_are_built()
        => Verifier.VerifyAsync(
            Contracts + """
            static QuickReply Long() => new({|#0:"Yes, ship it to my home address"|}, "SHIP");
            static QuickReply Fits() => new("Exactly twenty chars", "OK");
            static QuickReply Unknown(string title) => new(title, "OK");
            }
            """,
            new DiagnosticResult("IGM014", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Yes, ship it to my home address", 31));

    [Fact]
    public Task Template_texts_built_by_interpolation_are_judged_by_their_constant_parts()
        => Verify($$"""
            static GenericElement Title(string name) => new({|IGM016:$"{name}: {{new string('t', 81)}}"|}) { Subtitle = "s" };
            static GenericElement TitleMayFit(string name) => new($"{name}: {{new string('t', 70)}}") { Subtitle = "s" };
            static GenericElement Subtitle(string name) => new GenericElement("Hat") { Subtitle = {|IGM016:name + "{{new string('s', 81)}}"|} };
            static object ButtonText(string name) => new Next({|IGM016:$"Hi {name}, {{new string('x', 640)}}"|}, Button.Postback("Go", "GO"));
            """);

    [Fact]
    public Task Severity_can_be_changed_in_editorconfig()
        => Verifier.VerifyAsync(
            Contracts + $$"""static object M() => new Poll({|#0:"{{new string('x', 1001)}}"|}, new QuickReply[0]);""" + "\n}\n",
            withRuntime: true,
            CompilerDiagnostics.Errors,
            state => state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.IGM001.severity = warning\n")),
            new DiagnosticResult("IGM001", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Text", "1001"));

    [Fact]
    public Task A_project_with_the_runtime_but_no_contracts_gets_nothing()
        => Verifier.VerifyAsync($$"""
            public record Plain(string Text);
            public static class Use
            {
                static object M() => new Plain("{{new string('x', 2000)}}");
                static object N() => new System.Uri("https://a.example/a.mp3");
                static object O() => new[] { {{string.Join(", ", Enumerable.Range(0, 20).Select(i => $"\"{i}\""))}} };
            }
            """);
}
