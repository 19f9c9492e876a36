using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace InstagramMessaging.Generators.Tests;

/// <summary>
/// Generated dispatch of <c>[InstagramWebhookHandler]</c> classes against reviewed baselines in Baselines/. After an
/// intended change, run with UPDATE_BASELINES=1, review the diff of Baselines/, and commit it.
/// </summary>
public class RoutingBaselineTests
{
    [Fact]
    public void Every_route_kind_with_tasks_value_tasks_tokens_and_constants()
        => VerifyBaseline("""
            using System.Threading;
            using System.Threading.Tasks;
            using InstagramMessaging.Webhooks;
            namespace Shop.Bot;

            internal static class Payloads
            {
                public const string Human = "HUMAN";
            }

            [InstagramWebhookHandler]
            public sealed partial class SupportRouter
            {
                [OnQuickReply("ORDER_STATUS")]
                private ValueTask OrderStatus(MessageReceivedEvent message, CancellationToken cancellationToken) => default;

                [OnQuickReply(Payloads.Human), OnPostback(Payloads.Human)]
                private Task TalkToHuman(InstagramWebhookEvent webhookEvent) => Task.CompletedTask;

                [OnPostback("GET_STARTED")]
                public static ValueTask GetStarted(PostbackReceivedEvent postback, CancellationToken cancellationToken) => default;

                [OnMessage]
                private Task Text(MessageContentEvent message, CancellationToken cancellationToken) => Task.CompletedTask;

                [OnEcho] private ValueTask Echo(MessageEchoEvent echo) => default;
                [OnReaction] private ValueTask Reaction(ReactionEvent reaction, CancellationToken cancellationToken) => default;
                [OnRead] private ValueTask Read(MessageReadEvent read, CancellationToken cancellationToken) => default;
                [OnEdit] private ValueTask Edit(MessageEditedEvent edit, CancellationToken cancellationToken) => default;
                [OnDelete] private ValueTask Delete(MessageDeletedEvent deletion, CancellationToken cancellationToken) => default;
                [OnReferral] private ValueTask Referral(ReferralEvent referral, CancellationToken cancellationToken) => default;
                [OnComment] private ValueTask Comment(CommentEvent comment, CancellationToken cancellationToken) => default;
                [OnMention] private ValueTask Mention(MentionEvent mention, CancellationToken cancellationToken) => default;
                [OnThreadControl] private ValueTask Handover(ThreadControlEvent threadControl, CancellationToken cancellationToken) => default;
            }
            """, "Shop.Bot.SupportRouter.Routing.g.cs");

    [Fact]
    public void Nested_handler_in_the_global_namespace_with_escaped_payloads_and_keyword_names()
        => VerifyBaseline("""
            using System.Threading.Tasks;
            using InstagramMessaging.Webhooks;

            public static partial class Bots
            {
                [InstagramWebhookHandler]
                internal partial class @event
                {
                    [OnQuickReply("SAY \"HI\"\\n")]
                    private ValueTask @class(MessageReceivedEvent message) => default;

                    [OnQuickReply("CAFÉ ☕")]
                    private ValueTask Coffee(MessageReceivedEvent message) => default;
                }
            }
            """, "Bots.event.Routing.g.cs");

    [Fact]
    public void A_handler_with_no_routes_ignores_every_event()
        => VerifyBaseline("""
            [InstagramMessaging.Webhooks.InstagramWebhookHandler]
            public partial class Quiet
            {
            }
            """, "Quiet.Routing.g.cs");

    [Fact]
    public async Task Compiled_routing_sends_customer_messages_to_their_routes_and_never_the_accounts_own()
    {
        var router = CompiledRouter.Create("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using InstagramMessaging.Webhooks;

            [InstagramWebhookHandler]
            public sealed partial class Bot
            {
                public List<string> Calls { get; } = new();

                [OnQuickReply("YES")] private ValueTask Yes(MessageReceivedEvent m) => Record("Yes " + m.MessageId);
                [OnMessage] private ValueTask Answer(MessageReceivedEvent m) => Record("Answer " + m.MessageId);
                [OnPostback("GO")] private ValueTask Go(PostbackReceivedEvent p) => Record("Go " + p.MessageId);
                [OnEcho] private ValueTask Echo(MessageEchoEvent e) => Record("Echo " + e.MessageId);

                private ValueTask Record(string call)
                {
                    Calls.Add(call);
                    return default;
                }
            }
            """, "Bot");
        // One spec-shaped delivery (JSON written with ' for "): customers' messages, taps and presses; the account
        // messaging itself (is_self, and once without the flag); its own postback, and one flagged is_self alone; an
        // echo of its send.
        const string Account = "17841405822304914", Customer = "7241980365028173";
        static string Item(string sender, string recipient, string payload)
            => $"{{'sender':{{'id':'{sender}'}},'recipient':{{'id':'{recipient}'}},'timestamp':1781520015307,{payload}}}";
        var items = new[]
        {
            Item(Customer, Account, "'message':{'mid':'m_text','text':'Hi'}"),
            Item(Account, Account, "'message':{'mid':'m_self','text':'preview','is_self':true}"),
            Item(Customer, Account, "'message':{'mid':'m_tap','text':'Yes','quick_reply':{'payload':'YES'}}"),
            Item(Account, Account, "'message':{'mid':'m_self_tap','text':'Yes','quick_reply':{'payload':'YES'},'is_self':true}"),
            Item(Account, Account, "'message':{'mid':'m_self_unflagged','text':'preview'}"),
            Item(Customer, Account, "'postback':{'mid':'m_press','title':'Go','payload':'GO'}"),
            Item(Account, Account, "'postback':{'mid':'m_self_press','title':'Go','payload':'GO','is_self':true}"),
            Item(Customer, Account, "'postback':{'mid':'m_flagged_press','title':'Go','payload':'GO','is_self':true}"),
            Item(Account, Customer, "'message':{'mid':'m_echo','text':'You said Hi','is_echo':true}"),
        };
        // And a thread another app owns (handover): the customer's text, tap and press arrive in standby[].
        var standby = new[]
        {
            Item(Customer, Account, "'message':{'mid':'m_standby_text','text':'Hi'}"),
            Item(Customer, Account, "'message':{'mid':'m_standby_tap','text':'Yes','quick_reply':{'payload':'YES'}}"),
            Item(Customer, Account, "'postback':{'mid':'m_standby_press','title':'Go','payload':'GO'}"),
        };
        var body = $"{{'object':'instagram','entry':[{{'time':1781520016812,'id':'{Account}','messaging':[{string.Join(",", items)}],'standby':[{string.Join(",", standby)}]}}]}}".Replace('\'', '"');
        var delivery = InstagramWebhookParser.Parse(System.Text.Encoding.UTF8.GetBytes(body));
        Assert.Equal(12, delivery.Events.Count);
        Assert.Equal(3, delivery.Events.Count(e => e.IsStandby));
        Assert.True(((MessageReceivedEvent)delivery.Events[1]).IsSelf);
        Assert.True(((PostbackReceivedEvent)delivery.Events[7]).IsSelf);

        foreach (var webhookEvent in delivery.Events)
        {
            await router.HandleAsync(webhookEvent, CancellationToken.None);
        }

        var calls = (System.Collections.Generic.List<string>)router.GetType().GetProperty("Calls")!.GetValue(router)!;
        Assert.Equal(new[] { "Answer m_text", "Yes m_tap", "Go m_press", "Echo m_echo" }, calls);
    }

    [Fact]
    public void Methods_routing_cannot_call_and_duplicates_are_left_out()
    {
        var (driver, output, diagnostics) = RoutingGeneratorRun.Run(TestCompilation.Create("""
            using System.Threading.Tasks;
            using InstagramMessaging.Webhooks;

            [InstagramWebhookHandler]
            public partial class Router
            {
                [OnQuickReply("A")] private ValueTask First(MessageReceivedEvent m) => default;
                [OnQuickReply("A")] private ValueTask Second(MessageReceivedEvent m) => default;
                [OnQuickReply("B")] private void Wrong(MessageReceivedEvent m) { }
                [OnPostback("C")] private ValueTask WrongEvent(MessageReceivedEvent m) => default;
            }
            """));

        Assert.Empty(diagnostics);
        var generated = Assert.Single(RoutingGeneratorRun.GeneratedSources(driver)).Value;
        Assert.Contains("return First(message);", generated);
        Assert.DoesNotContain("Second", generated);
        Assert.DoesNotContain("Wrong", generated);
        Assert.DoesNotContain("PostbackReceivedEvent", generated);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_class_that_is_not_partial_gets_nothing()
    {
        var (driver, _, diagnostics) = RoutingGeneratorRun.Run(TestCompilation.Create("""
            [InstagramMessaging.Webhooks.InstagramWebhookHandler]
            public class Router
            {
            }
            """));

        Assert.Empty(diagnostics);
        Assert.Empty(RoutingGeneratorRun.GeneratedSources(driver));
    }

    private static void VerifyBaseline(string source, string hintName, [CallerFilePath] string testFile = "")
    {
        var (driver, output, diagnostics) = RoutingGeneratorRun.Run(TestCompilation.Create(source));

        Assert.Empty(diagnostics);
        var compileProblems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(compileProblems.Length == 0, "Generated code does not compile cleanly:\n" + string.Join("\n", compileProblems.Select(d => d.ToString())));

        var generated = Assert.Single(RoutingGeneratorRun.GeneratedSources(driver));
        Assert.Equal(hintName, generated.Key);

        Baselines.AssertMatches(hintName, generated.Value, testFile);
    }
}
