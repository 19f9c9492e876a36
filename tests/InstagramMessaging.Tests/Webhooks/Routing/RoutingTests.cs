using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Xunit;

namespace InstagramMessaging.Tests.Webhooks.Routing;

public class RoutingTests
{
    private const string Account = WebhookBodies.Account;
    private const string Customer = WebhookBodies.Customer;

    // What the app offers: the routes above must match these send sites (IGM030 otherwise breaks the build).
    internal static readonly QuickReply[] Offered =
    {
        new("Where is my order?", RoutedPayloads.OrderStatus),
        new(Payload: RoutedPayloads.Human, Title: "Talk to a human"),
    };

    internal static readonly Button[] Buttons = { Button.Postback("Talk to a human", RoutedPayloads.Human), Button.Postback("Get started", "GET_STARTED") };

    internal static readonly IceBreaker[] IceBreakers = { new("Where are you?", "LOCATION") };

    private readonly RecordingRouter _router = new();
    private readonly CancellationToken _token = new CancellationTokenSource().Token;

    [Fact]
    public void The_generated_class_is_a_webhook_handler()
        => Assert.IsAssignableFrom<IInstagramWebhookHandler>(_router);

    [Theory]
    [InlineData(RoutedPayloads.OrderStatus, "OrderStatus")]
    [InlineData(RoutedPayloads.Human, "TalkToHuman")]
    public async Task A_quick_reply_tap_goes_to_the_method_for_its_payload_with_the_token(string payload, string method)
    {
        var tap = Message(quickReplyPayload: payload);

        await _router.HandleAsync(tap, _token);

        var call = Assert.Single(_router.Calls);
        Assert.Equal(method, call.Method);
        Assert.Same(tap, call.Event);
        Assert.Equal(_token, call.Token);
    }

    [Fact]
    public async Task A_quick_reply_tap_parsed_from_a_webhook_body_is_routed()
    {
        var body = WebhookBodies.Messaging(WebhookBodies.Item(
            $"\"message\":{{\"mid\":\"m1\",\"text\":\"Where is my order?\",\"quick_reply\":{{\"payload\":\"{RoutedPayloads.OrderStatus}\"}}}}"));
        var delivery = InstagramWebhookParser.Parse(WebhookBodies.Utf8(body));

        foreach (var webhookEvent in delivery.Events)
        {
            await _router.HandleAsync(webhookEvent, _token);
        }

        Assert.Equal(new[] { "OrderStatus" }, _router.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task A_tap_whose_payload_has_no_handler_and_plain_text_fall_to_OnMessage()
    {
        await _router.HandleAsync(Message(quickReplyPayload: "order_status"), _token);
        await _router.HandleAsync(Message(quickReplyPayload: null), _token);

        Assert.Equal(new[] { "AnyMessage", "AnyMessage" }, _router.Calls.Select(c => c.Method));
        Assert.All(_router.Calls, c => Assert.Equal(_token, c.Token));
    }

    [Theory]
    [InlineData(RoutedPayloads.Human, "TalkToHuman")]
    [InlineData("GET_STARTED", "GetStarted")]
    [InlineData("LOCATION", "Location")]
    public async Task A_postback_goes_to_the_method_for_its_payload(string payload, string method)
    {
        var postback = new PostbackReceivedEvent { AccountId = Account, SenderId = Customer, Payload = payload, Title = "t" };

        await _router.HandleAsync(postback, _token);

        var call = Assert.Single(_router.Calls);
        Assert.Equal(method, call.Method);
        Assert.Same(postback, call.Event);
        // GetStarted takes no token: routing calls it without one.
        Assert.Equal(method == "GetStarted" ? CancellationToken.None : _token, call.Token);
    }

    [Fact]
    public async Task Payloads_compare_ordinally_and_an_unrouted_or_missing_postback_payload_is_ignored()
    {
        await _router.HandleAsync(new PostbackReceivedEvent { AccountId = Account, Payload = "get_started" }, _token);
        await _router.HandleAsync(new PostbackReceivedEvent { AccountId = Account, Payload = "GET_STARTED " }, _token);
        await _router.HandleAsync(new PostbackReceivedEvent { AccountId = Account, Payload = null, IsStandby = true }, _token);

        Assert.Empty(_router.Calls);
    }

    [Fact]
    public async Task Reactions_reads_echoes_edits_deletions_and_referrals_reach_their_methods_with_the_token()
    {
        InstagramWebhookEvent[] events =
        {
            new ReactionEvent { AccountId = Account, MessageId = "m1", Action = ReactionAction.React, Reaction = "love" },
            new MessageReadEvent { AccountId = Account, MessageId = "m1" },
            new MessageEchoEvent { AccountId = Account, MessageId = "m2", Text = "Thanks!" },
            new MessageEditedEvent { AccountId = Account, MessageId = "m3", Text = "fixed" },
            new MessageDeletedEvent { AccountId = Account, MessageId = "m4" },
            new ReferralEvent { AccountId = Account, Referral = new WebhookReferral { Ref = "ad" } },
        };

        foreach (var webhookEvent in events)
        {
            await _router.HandleAsync(webhookEvent, _token);
        }

        Assert.Equal(new[] { "Reacted", "Read", "Echo", "Edited", "Deleted", "Referred" }, _router.Calls.Select(c => c.Method));
        Assert.Equal(events, _router.Calls.Select(c => c.Event));
        Assert.All(_router.Calls, c => Assert.Equal(_token, c.Token));
    }

    [Fact]
    public async Task The_accounts_own_self_messages_taps_and_postbacks_reach_no_customer_route()
    {
        var body = WebhookBodies.Messaging(string.Join(",",
            WebhookBodies.Item("\"message\":{\"mid\":\"m_self\",\"text\":\"preview\",\"is_self\":true}", sender: Account, recipient: Account),
            WebhookBodies.Item($"\"message\":{{\"mid\":\"m_self_tap\",\"text\":\"t\",\"quick_reply\":{{\"payload\":\"{RoutedPayloads.OrderStatus}\"}},\"is_self\":true}}", sender: Account, recipient: Account),
            WebhookBodies.Item($"\"postback\":{{\"mid\":\"m_self_press\",\"title\":\"t\",\"payload\":\"GET_STARTED\",\"is_self\":true}}", sender: Account, recipient: Account)));
        var delivery = InstagramWebhookParser.Parse(WebhookBodies.Utf8(body));
        Assert.Equal(3, delivery.Events.Count);

        foreach (var webhookEvent in delivery.Events)
        {
            await _router.HandleAsync(webhookEvent, _token);
        }

        // Without the flag, a message whose sender is the account is the account's own too; a customer's still routes.
        await _router.HandleAsync(Message(quickReplyPayload: null) with { SenderId = Account }, _token);
        await _router.HandleAsync(Message(quickReplyPayload: null), _token);

        Assert.Equal(new[] { "AnyMessage" }, _router.Calls.Select(c => c.Method));
        Assert.Equal(Customer, _router.Calls[0].Event.SenderId);
    }

    [Fact]
    public async Task Kinds_without_a_method_are_ignored()
    {
        await _router.HandleAsync(new MentionEvent { AccountId = Account, MediaId = "1" }, _token);
        await _router.HandleAsync(new UnknownWebhookEvent { AccountId = Account, Kind = "new_kind", RawJson = "{}" }, _token);

        Assert.Empty(_router.Calls);
    }

    [Fact]
    public async Task Every_payload_the_app_offers_reaches_its_own_method()
    {
        foreach (var quickReply in Offered)
        {
            await _router.HandleAsync(Message(quickReply.Payload), _token);
        }

        foreach (var payload in Buttons.OfType<PostbackButton>().Select(b => b.Payload).Concat(IceBreakers.Select(i => i.Payload)))
        {
            await _router.HandleAsync(new PostbackReceivedEvent { AccountId = Account, Payload = payload }, _token);
        }

        Assert.Equal(new[] { "OrderStatus", "TalkToHuman", "TalkToHuman", "GetStarted", "Location" }, _router.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task Each_route_calls_its_own_overload()
    {
        var router = new OverloadedRouter();

        await router.HandleAsync(Message(RoutedPayloads.OrderStatus), _token);
        await router.HandleAsync(Message(quickReplyPayload: null), _token);

        Assert.Equal(new[] { "any", "message" }, router.Calls);
    }

    private static MessageReceivedEvent Message(string? quickReplyPayload)
        => new() { AccountId = Account, SenderId = Customer, MessageId = "m" + Guid.NewGuid().ToString("N"), Text = "hi", QuickReplyPayload = quickReplyPayload };
}
