using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verifier = InstagramMessaging.CodeFixes.Tests.RoutingCodeFixVerifier<InstagramMessaging.CodeFixes.RouteToSentPayloadCodeFix>;

namespace InstagramMessaging.CodeFixes.Tests;

public class RouteToSentPayloadCodeFixTests
{
    private const string Sends = """
        [InstagramMessage, QuickReply("Status", "ORDER_STATUS"), QuickReply("Cancel", "ORDER_CANCEL")]
        public partial record Menu([property: MessageText] string Text);

        """;

    [Fact]
    public async Task Fix_all_corrects_each_typo_to_its_nearest_sent_payload()
    {
        var test = Verifier.Create();
        test.TestCode = Verifier.Usings + Sends + """
            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnQuickReply({|#0:"ORDER_STAUTS"|})] private ValueTask Status(MessageReceivedEvent m) => default;
                [OnQuickReply({|#1:"ORDER_CANCLE"|})] private ValueTask Cancel(MessageReceivedEvent m) => default;
            }
            """;
        test.ExpectedDiagnostics.Add(Verifier.Warning("IGM030").WithLocation(0).WithArguments("quick reply", "ORDER_STAUTS", "; did you mean \"ORDER_STATUS\"?"));
        test.ExpectedDiagnostics.Add(Verifier.Warning("IGM030").WithLocation(1).WithArguments("quick reply", "ORDER_CANCLE", "; did you mean \"ORDER_CANCEL\"?"));
        test.ExpectedDiagnostics.Add(Verifier.Warning("IGM032").WithSpan(6, 41, 6, 55).WithSpan(9, 22, 9, 28).WithArguments("quick reply", "ORDER_STATUS", "[OnQuickReply(\"ORDER_STATUS\")]"));
        test.ExpectedDiagnostics.Add(Verifier.Warning("IGM032").WithSpan(6, 79, 6, 93).WithSpan(9, 22, 9, 28).WithArguments("quick reply", "ORDER_CANCEL", "[OnQuickReply(\"ORDER_CANCEL\")]"));
        test.FixedCode = Verifier.Usings + Sends + """
            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnQuickReply("ORDER_STATUS")] private ValueTask Status(MessageReceivedEvent m) => default;
                [OnQuickReply("ORDER_CANCEL")] private ValueTask Cancel(MessageReceivedEvent m) => default;
            }
            """;
        test.CodeActionEquivalenceKey = "IGM030.UseSentPayload";
        // The IGM032 above are gone once the routes name the sent payloads: the fixed state expects nothing.
        test.FixedState.InheritanceMode = StateInheritanceMode.Explicit;

        await test.RunAsync();
    }

    [Fact]
    public async Task Removing_a_dead_handler_removes_the_method_or_only_its_attribute()
    {
        var test = Verifier.Create();
        test.TestCode = Verifier.Usings + Sends + """
            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnQuickReply("ORDER_STATUS")] private ValueTask Status(MessageReceivedEvent m) => default;
                [OnQuickReply("ORDER_CANCEL")] private ValueTask Cancel(MessageReceivedEvent m) => default;

                [OnPostback({|#0:"OLD_MENU"|})]
                private ValueTask Old(PostbackReceivedEvent p) => default;

                [OnQuickReply("ORDER_STATUS"), OnPostback({|#1:"LEGACY"|})]
                private ValueTask Both(InstagramWebhookEvent e) => default;
            }
            """;
        test.ExpectedDiagnostics.Add(Verifier.Warning("IGM030").WithLocation(0).WithArguments("postback", "OLD_MENU", string.Empty));
        test.ExpectedDiagnostics.Add(Verifier.Warning("IGM030").WithLocation(1).WithArguments("postback", "LEGACY", string.Empty));
        test.FixedCode = Verifier.Usings + Sends + """
            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnQuickReply("ORDER_STATUS")] private ValueTask Status(MessageReceivedEvent m) => default;
                [OnQuickReply("ORDER_CANCEL")] private ValueTask Cancel(MessageReceivedEvent m) => default;

                [OnQuickReply("ORDER_STATUS")]
                private ValueTask Both(InstagramWebhookEvent e) => default;
            }
            """;
        test.CodeActionEquivalenceKey = "IGM030.RemoveHandler";

        await test.RunAsync();
    }
}
