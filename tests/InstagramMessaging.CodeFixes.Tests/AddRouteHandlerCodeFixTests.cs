using System.Threading.Tasks;
using Xunit;
using Verifier = InstagramMessaging.CodeFixes.Tests.RoutingCodeFixVerifier<InstagramMessaging.CodeFixes.AddRouteHandlerCodeFix>;

namespace InstagramMessaging.CodeFixes.Tests;

public class AddRouteHandlerCodeFixTests
{
    [Fact]
    public async Task Adds_a_stub_for_the_unrouted_quick_reply_to_the_handler_class()
    {
        var test = Verifier.Create();
        test.TestCode = Verifier.Usings + """
            [InstagramMessage, QuickReply("Talk to us", {|#0:"TALK_TO_US"|})]
            public partial record Menu([property: MessageText] string Text);

            [InstagramWebhookHandler]
            public partial class {|#1:Router|}
            {
                [OnMessage] private ValueTask Text(MessageReceivedEvent message) => default;
            }
            """;
        test.ExpectedDiagnostics.Add(Verifier.Warning("IGM032").WithLocation(0).WithLocation(1).WithArguments("quick reply", "TALK_TO_US", "[OnQuickReply(\"TALK_TO_US\")]"));
        test.FixedCode = Verifier.Usings + """
            [InstagramMessage, QuickReply("Talk to us", "TALK_TO_US")]
            public partial record Menu([property: MessageText] string Text);

            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnMessage] private ValueTask Text(MessageReceivedEvent message) => default;

                [OnQuickReply("TALK_TO_US")]
                private ValueTask OnTalkToUsAsync(MessageReceivedEvent message, CancellationToken cancellationToken)
                {
                    throw new System.NotImplementedException();
                }
            }
            """;

        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_all_adds_one_stub_per_payload_to_a_handler_in_another_file()
    {
        var test = Verifier.Create();
        test.TestState.Sources.Add(("Sends.cs", Verifier.Usings + """
            static class Sends
            {
                static Button Buy => Button.Postback("Buy", {|#0:"BUY"|});
                static IceBreaker Where => new("Where?", {|#1:"LOCATION"|});
                static Button BuyAgain => Button.Postback("Buy", {|#2:"BUY"|});
            }
            """));
        test.TestState.Sources.Add(("Router.cs", Verifier.Usings + """
            [InstagramWebhookHandler]
            public partial class {|#3:Router|}
            {
                private ValueTask OnBuyAsync() => default;
            }
            """));
        test.ExpectedDiagnostics.Add(Verifier.Warning("IGM032").WithLocation(0).WithLocation(3).WithArguments("postback", "BUY", "[OnPostback(\"BUY\")]"));
        test.ExpectedDiagnostics.Add(Verifier.Warning("IGM032").WithLocation(1).WithLocation(3).WithArguments("postback", "LOCATION", "[OnPostback(\"LOCATION\")]"));
        test.ExpectedDiagnostics.Add(Verifier.Warning("IGM032").WithLocation(2).WithLocation(3).WithArguments("postback", "BUY", "[OnPostback(\"BUY\")]"));
        test.FixedState.Sources.Add(("Sends.cs", Verifier.Usings + """
            static class Sends
            {
                static Button Buy => Button.Postback("Buy", "BUY");
                static IceBreaker Where => new("Where?", "LOCATION");
                static Button BuyAgain => Button.Postback("Buy", "BUY");
            }
            """));
        test.FixedState.Sources.Add(("Router.cs", Verifier.Usings + """
            [InstagramWebhookHandler]
            public partial class Router
            {
                private ValueTask OnBuyAsync() => default;

                [OnPostback("BUY")]
                private ValueTask OnBuy2Async(PostbackReceivedEvent postback, CancellationToken cancellationToken)
                {
                    throw new System.NotImplementedException();
                }

                [OnPostback("LOCATION")]
                private ValueTask OnLocationAsync(PostbackReceivedEvent postback, CancellationToken cancellationToken)
                {
                    throw new System.NotImplementedException();
                }
            }
            """));

        await test.RunAsync();
    }

    [Theory]
    [InlineData("ORDER_STATUS", "OnOrderStatusAsync")]
    [InlineData("talk-to-us", "OnTalkToUsAsync")]
    [InlineData("2FA", "On2faAsync")]
    [InlineData("☕", "OnPayloadAsync")]
    public void Stub_names_come_from_the_payload(string payload, string expected)
        => Assert.Equal(expected, AddRouteHandlerCodeFix.MethodName(payload));
}
