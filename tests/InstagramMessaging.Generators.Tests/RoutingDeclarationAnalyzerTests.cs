using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.RoutingDeclarationAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

public class RoutingDeclarationAnalyzerTests
{
    private const string Usings = """
        using System.Threading;
        using System.Threading.Tasks;
        using InstagramMessaging.Webhooks;

        """;

    private static Task Verify(string declarations, params DiagnosticResult[] expected)
        => Verifier.VerifyAsync(Usings + declarations, expected);

    [Fact]
    public Task Valid_handlers_get_no_diagnostic()
        => Verify("""
            static class P { public const string Human = "HUMAN"; }

            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnQuickReply("A")] private ValueTask A(MessageReceivedEvent m, CancellationToken ct) => default;
                [OnQuickReply(P.Human), OnPostback(P.Human)] private Task Human(InstagramWebhookEvent e) => Task.CompletedTask;
                [OnMessage] private Task Text(MessageContentEvent m) => Task.CompletedTask;
                [OnReaction] public static ValueTask React(ReactionEvent r, CancellationToken ct) => default;
            }

            public partial class Outer { [InstagramWebhookHandler] internal sealed partial record Inner { [OnRead] ValueTask Read(MessageReadEvent r) => default; } }
            """);

    [Fact]
    public Task The_same_payload_routed_twice_is_IGM031_at_the_second()
        => Verify(
            """
            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnQuickReply("A")] private ValueTask First(MessageReceivedEvent m) => default;
                [OnQuickReply({|#0:"A"|})] private ValueTask Second(MessageReceivedEvent m) => default;
                [OnMessage] private ValueTask Text(MessageReceivedEvent m) => default;
                [{|#1:OnMessage|}] private ValueTask MoreText(MessageReceivedEvent m) => default;
                [OnPostback("A")] private ValueTask NotADuplicate(PostbackReceivedEvent p) => default;
            }
            """,
            Verifier.Diagnostic("IGM031").WithLocation(0).WithArguments("the quick reply payload \"A\"", "First", "Second"),
            Verifier.Diagnostic("IGM031").WithLocation(1).WithArguments("[OnMessage]", "Text", "MoreText"));

    [Fact]
    public Task Signatures_routing_cannot_call_are_IGM033_at_the_method()
        => Verify(
            """
            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnQuickReply("A")] private void {|#0:ReturnsVoid|}(MessageReceivedEvent m) { }
                [OnQuickReply("B")] private Task<int> {|#1:ReturnsTaskOfInt|}(MessageReceivedEvent m) => Task.FromResult(1);
                [OnPostback("C")] private ValueTask {|#2:WrongEvent|}(MessageReceivedEvent m) => default;
                [OnReaction] private ValueTask {|#3:NoParameter|}() => default;
                [OnReaction] private ValueTask {|#4:SecondNotAToken|}(ReactionEvent r, int retries) => default;
                [OnRead] private ValueTask {|#5:Generic|}<T>(MessageReadEvent r) => default;
                [OnEcho] private ValueTask {|#6:ByRef|}(ref MessageEchoEvent e) => default;
            }
            """,
            Verifier.Diagnostic("IGM033").WithLocation(0).WithArguments("ReturnsVoid", "it must be 'Task' or 'ValueTask' ReturnsVoid(MessageReceivedEvent[, CancellationToken]) to handle [OnQuickReply]"),
            Verifier.Diagnostic("IGM033").WithLocation(1).WithArguments("ReturnsTaskOfInt", "it must be 'Task' or 'ValueTask' ReturnsTaskOfInt(MessageReceivedEvent[, CancellationToken]) to handle [OnQuickReply]"),
            Verifier.Diagnostic("IGM033").WithLocation(2).WithArguments("WrongEvent", "it must be 'Task' or 'ValueTask' WrongEvent(PostbackReceivedEvent[, CancellationToken]) to handle [OnPostback]"),
            Verifier.Diagnostic("IGM033").WithLocation(3).WithArguments("NoParameter", "it must be 'Task' or 'ValueTask' NoParameter(ReactionEvent[, CancellationToken]) to handle [OnReaction]"),
            Verifier.Diagnostic("IGM033").WithLocation(4).WithArguments("SecondNotAToken", "it must be 'Task' or 'ValueTask' SecondNotAToken(ReactionEvent[, CancellationToken]) to handle [OnReaction]"),
            Verifier.Diagnostic("IGM033").WithLocation(5).WithArguments("Generic", "a generic method cannot be routed; it must be 'Task' or 'ValueTask' Generic(MessageReadEvent[, CancellationToken]) to handle [OnRead]"),
            Verifier.Diagnostic("IGM033").WithLocation(6).WithArguments("ByRef", "it must be 'Task' or 'ValueTask' ByRef(MessageEchoEvent[, CancellationToken]) to handle [OnEcho]"));

    [Fact]
    public Task An_empty_payload_is_IGM033_at_the_payload()
        => Verify(
            """
            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnQuickReply({|#0:""|})] private ValueTask Empty(MessageReceivedEvent m) => default;
                [OnPostback({|#1:null!|})] private ValueTask Null(PostbackReceivedEvent m) => default;
            }
            """,
            Verifier.Diagnostic("IGM033").WithLocation(0).WithArguments("Empty", "the [OnQuickReply] payload is null or empty, and Instagram never delivers an empty payload"),
            Verifier.Diagnostic("IGM033").WithLocation(1).WithArguments("Null", "the [OnPostback] payload is null or empty, and Instagram never delivers an empty payload"));

    [Fact]
    public Task A_class_the_generator_cannot_extend_is_IGM033_at_the_class()
        => Verify(
            """
            [InstagramWebhookHandler] public class {|#0:NotPartial|} { }
            [InstagramWebhookHandler] public static partial class {|#1:Static|} { }
            [InstagramWebhookHandler] public partial class {|#2:Generic|}<T> { }
            public class Outer { [InstagramWebhookHandler] public partial class {|#3:Inner|} { } }
            """,
            Verifier.Diagnostic("IGM033").WithLocation(0).WithArguments("NotPartial", "the class (and every type it is nested in) must be partial, so the generator can add HandleAsync to it"),
            Verifier.Diagnostic("IGM033").WithLocation(1).WithArguments("Static", "a static class cannot implement IInstagramWebhookHandler"),
            Verifier.Diagnostic("IGM033").WithLocation(2).WithArguments("Generic", "routing does not support generic handler classes (or classes nested in generic types)"),
            Verifier.Diagnostic("IGM033").WithLocation(3).WithArguments("Inner", "the class (and every type it is nested in) must be partial, so the generator can add HandleAsync to it"));

    [Fact]
    public Task Routing_attributes_in_a_class_without_InstagramWebhookHandler_are_IGM033()
        => Verify(
            """
            public partial class Forgotten
            {
                [OnQuickReply("A")] private ValueTask {|#0:A|}(MessageReceivedEvent m) => default;
                private ValueTask NotRouted(MessageReceivedEvent m) => default;
            }
            """,
            Verifier.Diagnostic("IGM033").WithLocation(0).WithArguments("A", "its class 'Forgotten' is not marked [InstagramWebhookHandler], so nothing routes to it"));
}
