using System.Threading.Tasks;
using InstagramMessaging.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.PayloadCoverageAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

public class PayloadCoverageAnalyzerTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using InstagramMessaging;
        using InstagramMessaging.Webhooks;

        """;

    private static Task Verify(string declarations, params DiagnosticResult[] expected)
        => Verifier.VerifyAsync(Usings + declarations, expected);

    private static DiagnosticResult Warning(string id) => new(id, DiagnosticSeverity.Warning);

    [Fact]
    public Task Every_send_site_form_counts_and_every_payload_routed_is_clean()
        => Verify("""
            static class P { public const string Human = "HUMAN"; }

            [InstagramMessage]
            [QuickReply("Order status", "ORDER_STATUS")]
            [QuickReply(payload: P.Human, title: "Talk to us")]
            public partial record Menu([property: MessageText] string Text);

            static class Sends
            {
                static QuickReply[] Chips => new QuickReply[] { new("Yes", "YES"), new QuickReply(Payload: "NO", Title: "No") };
                static Button[] Buttons => new Button[] { Button.Postback(payload: "BUY", title: "Buy"), Button.Url("Site", "https://shop.example") };
                static IceBreaker[] Breakers => new[] { new IceBreaker("Where?", "LOCATION") };
                static PersistentMenu Menu => new("default", new Button[] { Button.Postback("Agent", P.Human) });
            }

            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnQuickReply("ORDER_STATUS")] ValueTask A(MessageReceivedEvent m) => default;
                [OnQuickReply(P.Human)] ValueTask B(MessageReceivedEvent m) => default;
                [OnQuickReply("YES")] ValueTask C(MessageReceivedEvent m) => default;
                [OnQuickReply("NO")] ValueTask D(MessageReceivedEvent m) => default;
                [OnPostback("BUY")] ValueTask E(PostbackReceivedEvent p) => default;
                [OnPostback("LOCATION")] ValueTask F(PostbackReceivedEvent p) => default;
                [OnPostback(P.Human)] ValueTask G(PostbackReceivedEvent p) => default;
                [OnMessage] ValueTask H(MessageReceivedEvent m) => default;
            }
            """);

    [Fact]
    public Task A_typo_in_a_route_is_IGM030_with_the_nearest_unrouted_payload()
        => Verify(
            """
            [InstagramMessage, QuickReply("Status", {|#1:"ORDER_STATUS"|}), QuickReply("Cancel", "ORDER_CANCEL")]
            public partial record Menu([property: MessageText] string Text);

            [InstagramWebhookHandler]
            public partial class {|#2:Router|}
            {
                [OnQuickReply({|#0:"ORDER_STAUTS"|})] ValueTask A(MessageReceivedEvent m) => default;
                [OnQuickReply("ORDER_CANCEL")] ValueTask B(MessageReceivedEvent m) => default;
            }
            """,
            Warning("IGM030").WithLocation(0).WithArguments("quick reply", "ORDER_STAUTS", "; did you mean \"ORDER_STATUS\"?"),
            Warning("IGM032").WithLocation(1).WithLocation(2).WithArguments("quick reply", "ORDER_STATUS", "[OnQuickReply(\"ORDER_STATUS\")]"));

    [Fact]
    public Task A_dead_handler_is_IGM030_without_a_suggestion()
        => Verify(
            """
            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnPostback({|#0:"LEGACY_MENU"|})] ValueTask A(PostbackReceivedEvent p) => default;
            }
            """,
            Warning("IGM030").WithLocation(0).WithArguments("postback", "LEGACY_MENU", string.Empty));

    [Fact]
    public Task A_quick_reply_payload_routed_as_a_postback_is_both_IGM030_and_IGM032()
        => Verify(
            """
            static class Sends { static QuickReply Chip => new("Help", {|#1:"HELP"|}); }

            [InstagramWebhookHandler]
            public partial class {|#2:Router|}
            {
                [OnPostback({|#0:"HELP"|})] ValueTask A(PostbackReceivedEvent p) => default;
            }
            """,
            Warning("IGM030").WithLocation(0).WithArguments("postback", "HELP", "; it is sent as a quick reply: route it with [OnQuickReply]"),
            Warning("IGM032").WithLocation(1).WithLocation(2).WithArguments("quick reply", "HELP", "[OnQuickReply(\"HELP\")]"));

    [Fact]
    public Task A_sent_payload_without_a_route_is_IGM032_even_with_OnMessage()
        => Verify(
            """
            static class Sends
            {
                static Button Buy => Button.Postback("Buy", {|#0:"BUY"|});
                static IceBreaker Where => new("Where?", payload());
                static string payload() => "LOCATION";
                static QuickReply Tap => new("Yes", {|#1:"YES"|});
            }

            [InstagramWebhookHandler]
            public partial class {|#2:Router|}
            {
                [OnMessage] ValueTask Text(MessageReceivedEvent m) => default;
            }
            """,
            Warning("IGM032").WithLocation(0).WithLocation(2).WithArguments("postback", "BUY", "[OnPostback(\"BUY\")]"),
            Warning("IGM032").WithLocation(1).WithLocation(2).WithArguments("quick reply", "YES", "[OnQuickReply(\"YES\")]"));

    [Fact]
    public Task Without_a_handler_class_sent_payloads_are_not_reported()
        => Verify("""
            [InstagramMessage, QuickReply("Yes", "YES")]
            public partial record Question([property: MessageText] string Text);
            static class Sends { static Button Buy => Button.Postback("Buy", "BUY"); }
            """);

    [Fact]
    public Task A_payload_built_at_run_time_is_never_guessed_but_its_known_prefix_keeps_a_route_alive()
        => Verify(
            """
            static class Sends
            {
                static QuickReply Order(int id) => new("Order " + id, $"ORDER_{id}");
                static Button Page(string name) => Button.Postback(name, "PAGE_" + name);
                static QuickReply Any(string payload) => new("Any", payload);
            }

            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnQuickReply("ORDER_42")] ValueTask A(MessageReceivedEvent m) => default;
                [OnPostback("PAGE_HOME")] ValueTask B(PostbackReceivedEvent p) => default;
                [OnPostback({|#0:"ORDER_42"|})] ValueTask C(PostbackReceivedEvent p) => default;
            }
            """,
            Warning("IGM030").WithLocation(0).WithArguments("postback", "ORDER_42", string.Empty));

    [Fact]
    public Task Quick_replies_of_contracts_in_a_referenced_library_count_as_sent()
    {
        var library = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Contracts",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("""
                namespace Contracts;
                public static class Outer
                {
                    [InstagramMessaging.QuickReply("Status", "ORDER_STATUS")]
                    public sealed class Menu { }
                }
                """) },
            TestCompilation.References,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new System.IO.MemoryStream();
        Assert.True(library.Emit(image).Success);
        var reference = MetadataReference.CreateFromImage(image.ToArray());

        return Verifier.VerifyAsync(
            Usings + """
                [InstagramWebhookHandler]
                public partial class Router
                {
                    [OnQuickReply("ORDER_STATUS")] ValueTask A(MessageReceivedEvent m) => default;
                    [OnQuickReply({|#0:"ORDER_CANCEL"|})] ValueTask B(MessageReceivedEvent m) => default;
                }
                """,
            withRuntime: true,
            CompilerDiagnostics.Errors,
            state => state.AdditionalReferences.Add(reference),
            Warning("IGM030").WithLocation(0).WithArguments("quick reply", "ORDER_CANCEL", string.Empty));
    }

    [Fact]
    public Task A_compilation_without_the_runtime_gets_nothing()
        => Verifier.VerifyAsync("public class Plain { }", withRuntime: false, CompilerDiagnostics.Errors);

    [Theory]
    [InlineData("ORDER_STAUTS", "ORDER_STATUS", 1)]
    [InlineData("ORDER_STATUS", "ORDER_STATUS", 0)]
    [InlineData("order_status", "ORDER_STATUS", 11)]
    [InlineData("HELP", "HELLO", 2)]
    public void Edit_distance_counts_a_swap_as_one_edit(string a, string b, int expected)
        => Assert.Equal(expected, PayloadCoverageAnalyzer.EditDistance(a, b));

    [Fact]
    public void Nearest_offers_only_close_payloads()
    {
        Assert.Equal("ORDER_STATUS", PayloadCoverageAnalyzer.Nearest("ORDER_STAUTS", new[] { "HELP", "ORDER_STATUS", "ORDER_CANCEL" }));
        Assert.Null(PayloadCoverageAnalyzer.Nearest("LEGACY_MENU", new[] { "HELP", "ORDER_STATUS" }));
    }
}
