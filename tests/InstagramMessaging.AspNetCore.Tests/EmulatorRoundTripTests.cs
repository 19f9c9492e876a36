using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using InstagramMessaging.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InstagramMessaging.AspNetCore.Tests;

// The two halves together: the emulator plays Meta and the customer, delivering signed webhooks over real loopback
// HTTP to the real endpoint, which verifies, parses, deduplicates and dispatches them to a handler.
public sealed class EmulatorRoundTripTests
{
    private const string Customer = "7241980365028173";

    [Fact]
    public async Task Every_customer_action_reaches_the_handler_as_its_typed_event()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var emulator = Connect(host);
        var customer = emulator.User(Customer);

        var hello = await customer.SendTextAsync("Olá! Do you ship to Lisbon? 😊");
        var business = await SendAsBusinessAsync(emulator, Customer,
            "{\"text\":\"How can we help?\",\"quick_replies\":[{\"content_type\":\"text\",\"title\":\"Track my order\",\"payload\":\"ORDER_STATUS\"}]}");
        var card = await SendAsBusinessAsync(emulator, Customer,
            "{\"attachment\":{\"type\":\"template\",\"payload\":{\"template_type\":\"generic\",\"elements\":[{\"title\":\"Denim jacket\",\"subtitle\":\"S to XL\",\"buttons\":[{\"type\":\"postback\",\"title\":\"I want it\",\"payload\":\"BUY_JACKET\"}]}]}}}");
        await customer.TapQuickReplyAsync("ORDER_STATUS");
        await customer.PressPostbackAsync("BUY_JACKET");
        await customer.SendAttachmentAsync("image", new Uri("https://cdn.example.com/photo.jpg"));
        await customer.ReactAsync(business, "love", "\u2764\ufe0f");
        await customer.UnreactAsync(business);
        await customer.ReadAsync(card);
        await customer.EditAsync(hello.MessageId, "Do you ship to Lisbon and Porto?");
        await customer.ReplyToAsync(business, "this one");
        await customer.DeleteAsync(hello.MessageId);
        await emulator.Webhooks.FlushAsync();
        await host.Recorded.WaitForAsync(12); // 10 customer actions and 2 echoes

        var events = host.Recorded.Events;
        var received = events.OfType<MessageReceivedEvent>().ToArray();
        Assert.Equal("Olá! Do you ship to Lisbon? 😊", received[0].Text);
        Assert.Equal(hello.MessageId, received[0].MessageId);
        Assert.Equal(Customer, received[0].SenderId);
        Assert.Equal(emulator.Webhooks.AccountId, received[0].AccountId);
        Assert.Equal("ORDER_STATUS", received.Single(e => e.QuickReplyPayload is not null).QuickReplyPayload);
        Assert.Equal("Track my order", received.Single(e => e.QuickReplyPayload is not null).Text);
        Assert.Equal("image", received.Single(e => e.Attachments.Count > 0).Attachments[0].Type);
        Assert.Equal(business, received.Single(e => e.ReplyToMessageId is not null).ReplyToMessageId);
        Assert.False(received.Single(e => e.ReplyToMessageId is not null).IsSelfReply); // the quoted message is the business's

        var echoes = events.OfType<MessageEchoEvent>().ToArray();
        Assert.Equal(new[] { business, card }, echoes.Select(e => e.MessageId));
        Assert.All(echoes, e => Assert.Equal(Customer, e.CustomerId));

        Assert.Equal("BUY_JACKET", Assert.Single(events.OfType<PostbackReceivedEvent>()).Payload);
        Assert.Equal(new[] { ReactionAction.React, ReactionAction.Unreact }, events.OfType<ReactionEvent>().Select(r => r.Action));
        Assert.Equal("\u2764\ufe0f", events.OfType<ReactionEvent>().First().Emoji);
        Assert.Equal(card, Assert.Single(events.OfType<MessageReadEvent>()).MessageId);
        var edit = Assert.Single(events.OfType<MessageEditedEvent>());
        Assert.Equal(("Do you ship to Lisbon and Porto?", 1), (edit.Text, edit.EditCount));
        Assert.Equal(hello.MessageId, Assert.Single(events.OfType<MessageDeletedEvent>()).MessageId);
        Assert.All(emulator.Webhooks.Attempts, a => Assert.Equal(200, a.StatusCode));
    }

    // The emulator's referrals, story replies and comments (spec 4.4, 4.5, 4.13, 4.17) parse into the runtime's typed
    // events: the emulator and the parser agree on every field.
    [Fact]
    public async Task Ads_products_links_story_replies_comments_mentions_and_handover_requests_reach_the_handler_as_their_typed_events()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var emulator = Connect(host);
        var newcomer = emulator.User(Customer);
        var regular = emulator.User("17245501234567890");

        var ad = await newcomer.ClickAdAsync("Hi, I saw your ad 👀", "120210987654321098", "autumn_sale", "Outono −30% 🍂", new Uri("https://scontent.xx.fbcdn.net/v/t45.1600-4/ad.jpg"));
        var opened = await regular.OpenLinkAsync("qr_store_lisbon");
        var first = await regular.SendTextAsync("Olá, are you open?");
        var again = await regular.OpenLinkAsync("qr_store_porto", "SHORTLINKS");
        var story = await regular.ReplyToStoryAsync("How much is this? 😍", "18074819347285670", new Uri("https://shop.example.com/autumn"));
        var comment = await newcomer.CommentAsync("Love it! Price? 😍", "17921422172564586", username: "ana.silva");
        var reply = await newcomer.CommentAsync("In blue?", "17921422172564586", comment.MessageId, "ana.silva");
        var product = await newcomer.WriteFromProductAsync("Tem este casaco em M? 🧥", "7328495012345678");
        var live = emulator.StartLiveBroadcast("17990011223344556");
        var liveComment = await regular.CommentOnLiveAsync(live, "Olá from Porto! 👋", "rui.costa");
        emulator.Webhooks.LoginFlavor = WebhookLoginFlavor.FacebookLogin;
        var mention = await regular.MentionInCommentAsync("@shop look at this", "17921422172599999");
        await regular.MentionInCaptionAsync("17921422172588888");
        var request = await emulator.Webhooks.RequestThreadControlAsync(Customer, EmulatorWebhooks.PageInboxAppId, "Cliente pediu um humano 🙋");
        var roles = await emulator.Webhooks.AssignAppRoleAsync(emulator.Webhooks.AppId);
        await host.Recorded.WaitForAsync(12);

        var events = host.Recorded.Events;
        var received = events.OfType<MessageReceivedEvent>().ToDictionary(e => e.MessageId);
        var fromAd = received[ad.MessageId];
        Assert.Equal(("Hi, I saw your ad 👀", Customer), (fromAd.Text, fromAd.SenderId));
        Assert.Equal(
            new WebhookReferral { Ref = "autumn_sale", AdId = "120210987654321098", Source = "ADS", Type = "OPEN_THREAD", AdTitle = "Outono −30% 🍂", PhotoUrl = "https://scontent.xx.fbcdn.net/v/t45.1600-4/ad.jpg" },
            fromAd.Referral);

        Assert.True(opened.IsNewThread);
        Assert.Equal(new WebhookReferral { Ref = "qr_store_lisbon", Source = "SHORTLINK", Type = "OPEN_THREAD" }, received[first.MessageId].Referral);
        var standalone = Assert.Single(events.OfType<ReferralEvent>());
        Assert.Equal(new WebhookReferral { Ref = "qr_store_porto", Source = "SHORTLINKS", Type = "OPEN_THREAD" }, standalone.Referral);
        Assert.Equal((regular.Id, again.Event!.Timestamp), (standalone.SenderId, standalone.Timestamp));

        var storyReply = received[story.MessageId];
        Assert.Equal("How much is this? 😍", storyReply.Text);
        Assert.Null(storyReply.ReplyToMessageId);
        Assert.Equal("18074819347285670", storyReply.ReplyToStory!.Id);
        Assert.Equal("https://shop.example.com/autumn", storyReply.ReplyToStory.LinkStickerUrl);
        Assert.StartsWith("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18074819347285670&signature=", storyReply.ReplyToStory.Url);

        var comments = events.OfType<CommentEvent>().ToArray();
        Assert.Equal(3, comments.Length);
        var top = comments.Single(c => c.CommentId == comment.MessageId);
        // from.id is the commenter's Instagram user id, not the IGSID (spec 4.17): the app answers with a private reply.
        var commenter = CommenterIdOf(comment.Json);
        Assert.NotEqual(Customer, commenter);
        Assert.Equal(("comments", "Love it! Price? 😍", commenter, "ana.silva"), (top.Field, top.Text, top.FromId, top.FromUsername));
        Assert.Equal(("17921422172564586", "FEED", (string?)null), (top.MediaId, top.MediaProductType, top.ParentId));
        Assert.Equal((emulator.Webhooks.AccountId, commenter), (top.AccountId, top.CustomerId));
        Assert.Equal(comment.Timestamp.ToUnixTimeSeconds(), top.Timestamp.ToUnixTimeSeconds(), tolerance: 1);
        Assert.Equal(comment.MessageId, comments.Single(c => c.CommentId == reply.MessageId).ParentId);

        // A shop product's referral, a live comment, mentions (Facebook Login), a handover request and an app role.
        Assert.Equal(new WebhookReferral { ProductId = "7328495012345678" }, received[product.MessageId].Referral);
        Assert.Equal("Tem este casaco em M? 🧥", received[product.MessageId].Text);
        var onLive = comments.Single(c => c.CommentId == liveComment.MessageId);
        Assert.Equal(("live_comments", "Olá from Porto! 👋", CommenterIdOf(liveComment.Json), "rui.costa", "17990011223344556", "LIVE"), (onLive.Field, onLive.Text, onLive.FromId, onLive.FromUsername, onLive.MediaId, onLive.MediaProductType));
        var mentions = events.OfType<MentionEvent>().Select(m => (m.MediaId, m.CommentId, m.AccountId)).ToArray();
        Assert.Equal(new (string?, string?, string)[] { ("17921422172599999", mention.MessageId, emulator.Webhooks.AccountId), ("17921422172588888", null, emulator.Webhooks.AccountId) }, mentions);
        var asked = Assert.Single(events.OfType<ThreadControlEvent>(), e => e.Action == ThreadControlAction.Request);
        Assert.Equal((ThreadControlAction.Request, EmulatorWebhooks.PageInboxAppId, "Cliente pediu um humano 🙋", Customer, false),
            (asked.Action, asked.RequestedOwnerAppId, asked.Metadata, asked.SenderId, asked.IsStandby));
        Assert.Equal((null, null, request.Timestamp), (asked.PreviousOwnerAppId, asked.NewOwnerAppId, asked.Timestamp));
        var role = Assert.Single(events.OfType<ThreadControlEvent>(), e => e.Action == ThreadControlAction.AppRoles);
        Assert.Equal(((string?)null, emulator.Webhooks.AccountId, roles.Timestamp), (role.SenderId, role.RecipientId, role.Timestamp));
        Assert.Equal(["primary_receiver"], Assert.Single(role.AppRoles!, app => app.Key == emulator.Webhooks.AppId).Value);
        Assert.DoesNotContain(events, e => e is UnknownWebhookEvent);
        Assert.Equal(12, events.Count);
        Assert.All(emulator.Webhooks.Attempts, a => Assert.Equal(200, a.StatusCode));
    }

    // In process, as an integration test runs an app (TestServer, which WebApplicationFactory wraps): the emulator
    // delivers through the test server's HttpClient, with no socket, into the real endpoint.
    [Fact]
    public async Task The_emulator_delivers_in_process_through_a_test_servers_HttpClient()
    {
        var emulator = new GraphApiEmulator();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<RecordedEvents>();
        builder.Services.AddInstagramWebhooks(o =>
        {
            o.VerifyToken = emulator.Webhooks.VerifyToken;
            o.AppSecrets.Add(emulator.Webhooks.AppSecret);
        }).AddHandler<RecordingHandler>();
        await using var app = builder.Build();
        app.MapInstagramWebhooks();
        await app.StartAsync();
        var recorded = app.Services.GetRequiredService<RecordedEvents>();
        emulator.Webhooks.DeliverTo(app.GetTestClient());

        Assert.True((await emulator.Webhooks.VerifyAsync()).Accepted);
        var sent = await emulator.User(Customer).SendTextAsync("Sent with no socket 👋");

        Assert.Equal(WebhookDeliveryOutcome.Delivered, await sent.Delivery);
        await recorded.WaitForAsync(1);
        var message = Assert.IsType<MessageReceivedEvent>(Assert.Single(recorded.Events));
        Assert.Equal(("Sent with no socket 👋", sent.MessageId, Customer), (message.Text, message.MessageId, message.SenderId));
        Assert.All(emulator.Webhooks.Attempts, a => Assert.Equal(200, a.StatusCode));
    }

    [Fact]
    public async Task A_delivery_with_a_wrong_signature_reaches_no_handler_and_is_retried_by_the_emulator()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var emulator = Connect(host);
        emulator.Webhooks.Faults.WrongSignatureRate = 1;
        var sent = await emulator.User(Customer).SendTextAsync("forged?");
        var outcome = await sent.Delivery;

        Assert.All(emulator.Webhooks.Attempts, a => Assert.Equal(401, a.StatusCode));
        Assert.True(emulator.Webhooks.Attempts.Count > 1);
        Assert.Empty(host.Recorded.Events);
        Assert.Equal(WebhookDeliveryOutcome.GaveUp, outcome);
    }

    [Fact]
    public async Task Ten_thousand_deliveries_with_duplicates_reordering_and_batches_are_each_handled_once_in_arrival_order()
    {
        // 17,000 events, a fifth of them sent twice, two to a POST: over 10,000 POSTs.
        const int customers = 50, perCustomer = 340;
        await using var host = await WebhookTestHost.StartAsync(o => o.MaxConcurrency = 8);
        var emulator = Connect(host);
        emulator.Webhooks.DeliverEchoes = false;
        emulator.Webhooks.Faults.Seed = 1234;
        emulator.Webhooks.Faults.DuplicateRate = 0.2;
        emulator.Webhooks.Faults.ReorderWindow = 10;
        emulator.Webhooks.Faults.BatchSize = 2;
        emulator.Webhooks.MaxRecordedAttempts = 100_000;

        var users = Enumerable.Range(0, customers).Select(_ => emulator.User(emulator.NewUserId())).ToArray();
        var sent = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < perCustomer; i++)
        {
            foreach (var user in users)
            {
                sent.Add((await user.SendTextAsync($"{user.Id}/{i}")).MessageId);
            }
        }

        await emulator.Webhooks.FlushAsync();
        await host.Recorded.WaitForAsync(customers * perCustomer, timeoutMilliseconds: 60_000);
        await Task.Delay(200); // anything extra (a duplicate that slipped through) would show up now

        var handled = host.Recorded.Events.OfType<MessageReceivedEvent>().ToArray();
        Assert.Equal(customers * perCustomer, handled.Length);
        Assert.Equal(handled.Length, handled.Select(e => e.MessageId).Distinct().Count());
        Assert.True(sent.SetEquals(handled.Select(e => e.MessageId)));

        // The faults really happened: ten thousand POSTs and more, about a fifth of the events posted twice, several
        // per POST, and not in sending order.
        var attempts = emulator.Webhooks.Attempts;
        Assert.True(attempts.Count >= 10_000, $"{attempts.Count} deliveries");
        var posted = attempts.Sum(a => a.EventCount);
        Assert.InRange(posted, (int)(customers * perCustomer * 1.15), (int)(customers * perCustomer * 1.25));
        Assert.True(attempts.Count(a => a.EventCount > 1) > attempts.Count / 2);
        var arrival = FirstArrivals(attempts);
        var sentAt = handled.ToDictionary(e => e.MessageId, e => e.Timestamp);
        Assert.NotEqual(arrival, arrival.OrderBy(mid => sentAt[mid]).ToList());

        // Each customer's events were handled in the order they first arrived (read from the bodies as posted).
        foreach (var group in handled.GroupBy(e => e.SenderId))
        {
            var expected = arrival.Where(group.Select(e => e.MessageId).ToHashSet().Contains).ToArray();
            Assert.Equal(expected, group.Select(e => e.MessageId).ToArray());
        }
    }

    [Fact]
    public async Task Standby_items_handover_and_the_dashboard_tests_are_read_by_the_parser_as_the_emulator_writes_them()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var emulator = Connect(host);
        var webhooks = emulator.Webhooks;
        var customer = emulator.User(Customer);

        await webhooks.PassThreadControlAsync(Customer, EmulatorWebhooks.PageInboxAppId, "escalated");
        var inStandby = await customer.SendTextAsync("Can a person help me?");
        await webhooks.TakeThreadControlAsync(Customer, webhooks.AppId);
        var backToUs = await customer.SendTextAsync("Thanks!");
        await host.Recorded.WaitForAsync(4);
        Assert.Equal(200, (await webhooks.SendDashboardTestAsync(WebhookLoginFlavor.InstagramLogin)).StatusCode);
        await host.Recorded.WaitForAsync(5);
        var facebookTest = await webhooks.SendDashboardTestAsync(WebhookLoginFlavor.FacebookLogin);
        Assert.Equal(200, facebookTest.StatusCode);
        await webhooks.FlushAsync();
        await Task.Delay(200); // the second test has the first's dedupe key (entry 0, random_mid): it must not show up

        var events = host.Recorded.Events;
        var controls = events.OfType<ThreadControlEvent>().ToArray();
        Assert.Equal(2, controls.Length);
        Assert.Equal((ThreadControlAction.Pass, null, EmulatorWebhooks.PageInboxAppId, "escalated", false),
            (controls[0].Action, controls[0].PreviousOwnerAppId, controls[0].NewOwnerAppId, controls[0].Metadata, controls[0].IsStandby));
        Assert.Equal((ThreadControlAction.Take, EmulatorWebhooks.PageInboxAppId, webhooks.AppId),
            (controls[1].Action, controls[1].PreviousOwnerAppId, controls[1].NewOwnerAppId));
        Assert.All(controls, c => Assert.Equal(Customer, c.SenderId));
        var messages = events.OfType<MessageReceivedEvent>().Where(e => !e.IsTest).ToArray();
        Assert.Equal(new[] { (inStandby.MessageId, true), (backToUs.MessageId, false) }, messages.Select(m => (m.MessageId, m.IsStandby)).ToArray());

        // Meta's Test sample: recognised as a test, not a customer, whichever form it came in (the first one handled).
        var test = Assert.Single(events, e => e.IsTest);
        var sample = Assert.IsType<MessageReceivedEvent>(test);
        Assert.Equal(("0", "12334", "random_mid", "random_text"), (sample.AccountId, sample.SenderId, sample.MessageId, sample.Text));
        var facebookSample = Assert.IsType<MessageReceivedEvent>(Assert.Single(InstagramWebhookParser.Parse(System.Text.Encoding.UTF8.GetBytes(facebookTest.Body)).Events));
        Assert.True(facebookSample.IsTest);
        Assert.Equal(sample.DedupeKey, facebookSample.DedupeKey);
    }

    private static GraphApiEmulator Connect(WebhookTestHost host)
    {
        var emulator = new GraphApiEmulator();
        emulator.Webhooks.AppSecret = WebhookTestHost.Secret;
        emulator.Webhooks.VerifyToken = WebhookTestHost.VerifyToken;
        emulator.Webhooks.RetryDelays = new[] { TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20) };
        emulator.Webhooks.DeliverTo(new Uri(host.Client.BaseAddress!, "/webhooks/instagram"));
        return emulator;
    }

    // The business sends through the emulator's Send API, as the app's client would.
    private static async Task<string> SendAsBusinessAsync(GraphApiEmulator emulator, string recipient, string messageJson)
    {
        var body = $"{{\"recipient\":{{\"id\":\"{recipient}\"}},\"message\":{messageJson}}}";
        var answer = await emulator.HandleAsync(new EmulatedRequest("POST", "/v25.0/me/messages", "Bearer " + GraphApiEmulator.DefaultAccessToken, "application/json", body));
        Assert.Equal(200, answer.StatusCode);
        return JsonDocument.Parse(answer.Body).RootElement.GetProperty("message_id").GetString()!;
    }

    // Every mid in the order the endpoint first received it, read from the POSTed bodies independently of the parser.
    private static List<string> FirstArrivals(IEnumerable<WebhookDeliveryAttempt> attempts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var attempt in attempts.OrderBy(a => a.DeliveryNumber).ThenBy(a => a.AttemptNumber))
        {
            using var body = JsonDocument.Parse(attempt.Body);
            foreach (var entry in body.RootElement.GetProperty("entry").EnumerateArray())
            {
                foreach (var item in entry.GetProperty("messaging").EnumerateArray())
                {
                    var mid = item.GetProperty("message").GetProperty("mid").GetString()!;
                    if (seen.Add(mid))
                    {
                        order.Add(mid);
                    }
                }
            }
        }

        return order;
    }

    // A comment change's `from.id`, as the emulator wrote it.
    private static string CommenterIdOf(string changeJson)
    {
        using var change = JsonDocument.Parse(changeJson);
        return change.RootElement.GetProperty("value").GetProperty("from").GetProperty("id").GetString()!;
    }
}
