using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace InstagramMessaging.Testing.Tests;

// The conversation page's logic, through its JSON API over a real socket, without a browser: what each bubble
// holds after both halves act, failures, the window and the clock, faults, the delivery log and the event stream.
public sealed class ConversationPageApiTests : IAsyncLifetime
{
    private const string Customer = "1234567890123456";
    private GraphApiEmulatorServer _server = null!;
    private FakeWebhookReceiver _app = null!;
    private PageApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await GraphApiEmulatorServer.StartAsync();
        (_, _app) = await WebhookTestKit.StartAsync(_server.Emulator);
        _api = new PageApiClient(_server.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_page_is_one_self_contained_html_document_at_the_root()
    {
        using var response = await _api.RawGetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("new EventSource(\"/_emulator/events\")", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("setInterval", html, StringComparison.Ordinal);
        Assert.DoesNotContain("location.reload", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chips_of_the_last_business_message_are_offered_and_tapping_one_reaches_the_app()
    {
        await SendOkAsync("""{"recipient":{"id":"1234567890123456"},"message":{"text":"Which size?","quick_replies":[{"content_type":"text","title":"Medium","payload":"SIZE_M"}]}}""");

        var before = await ConversationAsync();
        Assert.Equal("SIZE_M", (string?)before["quickReplies"]![0]!["payload"]);
        Assert.Equal("quick_replies", (string?)before["bubbles"]![0]!["kind"]);

        var (status, tapped) = await _api.PostAsync($"conversations/{Customer}/tap", new { payload = "SIZE_M" });

        Assert.Equal(200, status);
        Assert.Equal("Delivered", (string?)tapped["delivery"]);
        var item = Assert.Single(_app.Items, i => i.TryGetProperty("message", out var m) && m.TryGetProperty("quick_reply", out _));
        Assert.Equal("SIZE_M", item.GetProperty("message").GetProperty("quick_reply").GetProperty("payload").GetString());
        var after = await ConversationAsync();
        Assert.Empty(after["quickReplies"]!.AsArray());
        var bubble = after["bubbles"]![1]!;
        Assert.Equal("customer", (string?)bubble["side"]);
        Assert.Equal("quick_reply", (string?)bubble["kind"]);
        Assert.Equal("Medium", (string?)bubble["text"]);
    }

    [Fact]
    public async Task A_payload_never_offered_is_refused_with_the_reason()
    {
        var (status, body) = await _api.PostAsync($"conversations/{Customer}/postback", new { payload = "NOPE" });

        Assert.Equal(400, status);
        Assert.Contains("NOPE", (string?)body["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replies_reactions_edits_deletions_reads_and_typing_fold_into_the_bubbles()
    {
        var businessMid = await SendOkAsync("""{"recipient":{"id":"1234567890123456"},"message":{"text":"Hello!"}}""");
        var (_, written) = await _api.PostAsync($"conversations/{Customer}/reply", new { messageId = businessMid, text = "Hi, a question" });
        var customerMid = (string)written["messageId"]!;
        await _api.PostAsync($"conversations/{Customer}/react", new { messageId = businessMid, reaction = "love" });
        await _api.PostAsync($"conversations/{Customer}/edit", new { messageId = customerMid, text = "Hi, two questions" });
        await _api.PostAsync($"conversations/{Customer}/read", new { messageId = businessMid });
        await SendOkAsync($$$"""{"recipient":{"id":"1234567890123456"},"sender_action":"react","payload":{"message_id":"{{{customerMid}}}","reaction":"like"}}""");
        await SendOkAsync("""{"recipient":{"id":"1234567890123456"},"sender_action":"mark_seen"}""");
        await SendOkAsync("""{"recipient":{"id":"1234567890123456"},"sender_action":"typing_on"}""");
        var (_, second) = await _api.PostAsync($"conversations/{Customer}/text", new { text = "Never mind" });
        await _api.PostAsync($"conversations/{Customer}/delete", new { messageId = (string)second["messageId"]! });

        var view = await ConversationAsync();
        var bubbles = view["bubbles"]!.AsArray();
        Assert.Equal(3, bubbles.Count);
        var hello = bubbles[0]!;
        Assert.Equal("\u2764\ufe0f", (string?)hello["reactions"]!["customer"]);
        Assert.True((bool)hello["seen"]!);
        var reply = bubbles[1]!;
        Assert.Equal("Hi, two questions", (string?)reply["text"]);
        Assert.Equal(1, (int)reply["edits"]!);
        Assert.Equal("Hello!", (string?)reply["replyTo"]!["preview"]);
        Assert.Equal("\ud83d\udc4d", (string?)reply["reactions"]!["business"]);
        Assert.True((bool)reply["seen"]!);
        Assert.True((bool)bubbles[2]!["deleted"]!);
        Assert.True((bool)view["typing"]!);
        Assert.Contains(_app.Items, i => i.TryGetProperty("message_edit", out _));
        Assert.Contains(_app.Items, i => i.TryGetProperty("reaction", out _));
        Assert.Contains(_app.Items, i => i.TryGetProperty("read", out _));
    }

    [Fact]
    public async Task Ads_links_story_replies_and_comments_are_labelled_bubbles()
    {
        var customer = _server.Emulator.User(Customer);
        var ad = await customer.ClickAdAsync("Hi, I saw your ad", adTitle: "Autumn sale -30%", @ref: "autumn");
        await customer.OpenLinkAsync("qr_store_lisbon");
        var story = await customer.ReplyToStoryAsync("How much is this?", linkStickerUrl: new Uri("https://shop.example.com/autumn"));
        var comment = await customer.CommentAsync("Love it!", "17921422172564586");

        var bubbles = (await ConversationAsync())["bubbles"]!.AsArray();

        Assert.Equal(4, bubbles.Count);
        Assert.Equal((ad.MessageId, "Hi, I saw your ad", "From ad Autumn sale -30% \u00b7 ref autumn"), ((string?)bubbles[0]!["messageId"], (string?)bubbles[0]!["text"], (string?)bubbles[0]!["note"]));
        Assert.Equal(("referral", "Opened an ig.me link \u00b7 ref qr_store_lisbon"), ((string?)bubbles[1]!["kind"], (string?)bubbles[1]!["note"]));
        Assert.Null(bubbles[1]!["messageId"]);
        Assert.Equal(story.MessageId, (string?)bubbles[2]!["messageId"]);
        Assert.Equal("Replied to your story (link https://shop.example.com/autumn)", (string?)bubbles[2]!["replyTo"]!["preview"]);
        var commented = bubbles[3]!;
        Assert.Equal(("comment", "Love it!", "Comment on post 17921422172564586"), ((string?)commented["kind"], (string?)commented["text"], (string?)commented["note"]));
        Assert.Null(commented["messageId"]); // no message tools on a comment
        Assert.Equal(comment.MessageId, (string?)commented["commentId"]);
        Assert.Contains("\"changes\"", (string?)commented["inspector"]!["webhooks"]![0]!["body"]!.ToJsonString(), StringComparison.Ordinal);

        // A comment is not writing in the DM: the chips of the business's last message stay.
        await SendOkAsync("""{"recipient":{"id":"1234567890123456"},"message":{"text":"Which size?","quick_replies":[{"content_type":"text","title":"Medium","payload":"SIZE_M"}]}}""");
        await customer.CommentAsync("Great post");
        Assert.Equal("SIZE_M", (string?)(await ConversationAsync())["quickReplies"]![0]!["payload"]);
    }

    [Fact]
    public async Task A_refused_send_is_a_failed_bubble_with_metas_code_subcode_and_our_rule_id()
    {
        var (status, _) = await _api.SendAsync("""{"recipient":{"id":"1234567890123456"},"message":{"text":"a","attachment":{"type":"image","payload":{"url":"https://example.com/a.png"}}}}""");
        Assert.Equal(400, status);
        var longText = new string('é', 501);
        await _api.SendAsync($$$"""{"recipient":{"id":"1234567890123456"},"message":{"text":"{{{longText}}}"}}""", tokenInUrl: true);

        var bubbles = (await ConversationAsync())["bubbles"]!.AsArray();

        var mixed = bubbles[0]!["failed"]!;
        Assert.Equal(100, (int)mixed["code"]!);
        Assert.Equal(2534015, (int)mixed["subcode"]!);
        Assert.Equal("IGM006", (string?)mixed["ruleId"]);
        Assert.Equal(400, (int)mixed["status"]!);
        var tooLong = bubbles[1]!;
        Assert.Equal("IGM001", (string?)tooLong["failed"]!["ruleId"]);
        Assert.True((bool)tooLong["tokenInUrl"]!);
        Assert.False((bool)bubbles[0]!["tokenInUrl"]!);
    }

    [Fact]
    public async Task Every_bubble_carries_its_request_answer_and_the_webhooks_it_caused()
    {
        var mid = await SendOkAsync("""{"recipient":{"id":"1234567890123456"},"message":{"text":"Echo me"}}""");
        await _server.Emulator.Webhooks.FlushAsync();

        var inspector = (await ConversationAsync())["bubbles"]![0]!["inspector"]!;

        Assert.Equal("Echo me", (string?)inspector["request"]!["message"]!["text"]);
        Assert.Equal(mid, (string?)inspector["answer"]!["message_id"]);
        var webhook = Assert.Single(inspector["webhooks"]!.AsArray())!;
        Assert.Equal(200, (int)webhook["status"]!);
        var echoed = webhook["body"]!["entry"]![0]!["messaging"]![0]!["message"]!;
        Assert.True((bool)echoed["is_echo"]!);
        Assert.StartsWith("sha256=", (string?)webhook["signature"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_the_clock_past_24_hours_closes_the_window_and_the_next_send_is_refused()
    {
        await _api.PostAsync($"conversations/{Customer}/text", new { text = "Hi" });
        Assert.True((bool)(await ConversationAsync())["windowOpen"]!);
        await SendOkAsync("""{"recipient":{"id":"1234567890123456"},"message":{"text":"Within the window"}}""");

        var (status, clock) = await _api.PostAsync("clock/advance", new { hours = 25 });

        Assert.Equal(200, status);
        Assert.Equal(25 * 3600, (double)clock["offsetSeconds"]!);
        Assert.False((bool)(await ConversationAsync())["windowOpen"]!);
        var (refused, error) = await _api.SendAsync("""{"recipient":{"id":"1234567890123456"},"message":{"text":"Too late"}}""");
        Assert.Equal(400, refused);
        Assert.Equal(2534022, (int)error["error"]!["error_subcode"]!);
        var (tagged, _) = await _api.SendAsync("""{"recipient":{"id":"1234567890123456"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT","message":{"text":"A person answers"}}""");
        Assert.Equal(200, tagged);

        // The HUMAN_AGENT tag reaches 7 days after the customer's last message, not further.
        await _api.PostAsync("clock/advance", new { hours = 7 * 24 - 25 - 1 });
        Assert.Equal(200, (await _api.SendAsync("""{"recipient":{"id":"1234567890123456"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT","message":{"text":"Six days and 23 hours"}}""")).Status);
        await _api.PostAsync("clock/advance", new { hours = 1 });
        var (late, lateError) = await _api.SendAsync("""{"recipient":{"id":"1234567890123456"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT","message":{"text":"Seven days"}}""");
        Assert.Equal(400, late);
        Assert.Equal(2534022, (int)lateError["error"]!["error_subcode"]!);

        await _api.PostAsync($"conversations/{Customer}/text", new { text = "Back again" });
        Assert.True((bool)(await ConversationAsync())["windowOpen"]!);
    }

    [Fact]
    public async Task The_window_switch_closes_and_opens_one_conversation()
    {
        var (_, closed) = await _api.PostAsync($"conversations/{Customer}/window", new { open = false });
        Assert.False((bool)closed["windowOpen"]!);
        Assert.Equal(400, (await _api.SendAsync("""{"recipient":{"id":"1234567890123456"},"message":{"text":"x"}}""")).Status);

        var (_, open) = await _api.PostAsync($"conversations/{Customer}/window", new { open = true });
        Assert.True((bool)open["windowOpen"]!);
    }

    [Fact]
    public async Task A_clock_that_cannot_move_says_how_to_make_one_that_can()
    {
        await using var fixedClock = await GraphApiEmulatorServer.StartAsync(new GraphApiEmulator());
        using var api = new PageApiClient(fixedClock.BaseAddress);

        var (status, body) = await api.PostAsync("clock/advance", new { hours = 25 });

        Assert.Equal(400, status);
        Assert.Contains("EmulatorClock", (string?)body["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fault_switches_set_the_emulators_faults()
    {
        var (_, faults) = await _api.PostAsync("faults", new { duplicates = true, wrongSignature = true, multiImageUnavailable = true, reorder = true, delayDeliveries = true, transientErrors = true });

        var emulator = _server.Emulator;
        Assert.Equal(1, emulator.Webhooks.Faults.DuplicateRate);
        Assert.Equal(1, emulator.Webhooks.Faults.WrongSignatureRate);
        Assert.True(emulator.Webhooks.Faults.ReorderWindow > 1);
        Assert.True(emulator.Webhooks.Faults.Delay > TimeSpan.Zero);
        Assert.False(emulator.MultiImageAvailable);
        Assert.Equal(1, emulator.Faults.TransientErrorRate);
        Assert.True((bool)faults["wrongSignature"]!);

        await _api.PostAsync("faults", new { duplicates = false, wrongSignature = false, multiImageUnavailable = false, reorder = false, delayDeliveries = false, transientErrors = false });
        Assert.Equal(0, emulator.Webhooks.Faults.DuplicateRate);
        Assert.True(emulator.MultiImageAvailable);
    }

    [Fact]
    public async Task A_failed_delivery_is_in_the_log_and_can_be_resent()
    {
        _server.Emulator.Webhooks.RetryDelays = Array.Empty<TimeSpan>();
        _app.Answer(500);
        await _api.PostAsync($"conversations/{Customer}/text", new { text = "Are you there?" });

        var log = await _api.GetAsync("deliveries");
        var failed = Assert.Single(log["attempts"]!.AsArray())!;
        Assert.Equal(500, (int)failed["status"]!);
        Assert.False((bool)failed["succeeded"]!);
        Assert.Equal(_app.Url!.ToString(), (string?)log["callback"]);

        var (status, resent) = await _api.PostAsync($"deliveries/{(long)failed["delivery"]!}/resend");

        Assert.Equal(200, status);
        Assert.Equal(2, (int)resent["attempt"]!);
        Assert.Equal(200, (int)resent["status"]!);
        Assert.Equal(2, _app.Accepted.Count);
        Assert.Equal(_app.Accepted[0].Body, _app.Accepted[1].Body);

        // A number that is none (too large, negative, not digits) is a 400 with the reason, never a 500.
        foreach (var bad in new[] { "99999999999999999999", "-1", "abc" })
        {
            var (refused, error) = await _api.PostAsync($"deliveries/{bad}/resend");
            Assert.Equal(400, refused);
            Assert.Contains("not a delivery number", error.ToJsonString());
        }
    }

    [Fact]
    public async Task The_delivery_log_says_why_nothing_arrives_once_the_subscription_is_disabled()
    {
        _server.Emulator.Webhooks.DisableAfter = TimeSpan.FromMilliseconds(1);
        _server.Emulator.Webhooks.RetryDelays = new[] { TimeSpan.FromMilliseconds(20) };
        _app.Answer(500, 500);
        await _api.PostAsync($"conversations/{Customer}/text", new { text = "Are you there?" });

        var log = await _api.GetAsync("deliveries");

        Assert.Equal(2, log["attempts"]!.AsArray().Count);
        Assert.Contains("EnableSubscription()", (string?)log["subscriptionDisabled"]);
    }

    [Fact]
    public async Task The_event_stream_signals_a_send_as_it_happens()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await _api.RawGetAsync("/_emulator/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        Assert.Equal("retry: 1000", await reader.ReadLineAsync(cancel.Token));

        await SendOkAsync("""{"recipient":{"id":"1234567890123456"},"message":{"text":"Live"}}""");

        string? line;
        do
        {
            line = await reader.ReadLineAsync(cancel.Token);
        }
        while (line is not null && !line.StartsWith("data:", StringComparison.Ordinal));
        var change = JsonNode.Parse(line!["data:".Length..])!;
        Assert.Equal("message", (string?)change["kind"]);
        Assert.Equal(Customer, (string?)change["conversation"]);
    }

    [Fact]
    public async Task The_event_stream_signals_a_thread_changing_hands_in_code()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await _api.RawGetAsync("/_emulator/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        await _server.Emulator.Webhooks.PassThreadControlAsync(Customer, EmulatorWebhooks.PageInboxAppId);

        JsonNode? change;
        do
        {
            var line = await reader.ReadLineAsync(cancel.Token);
            change = line is not null && line.StartsWith("data:", StringComparison.Ordinal) ? JsonNode.Parse(line["data:".Length..]) : null;
        }
        while (change is null || (string?)change["kind"] != "thread");
        Assert.Equal(Customer, (string?)change["conversation"]);
    }

    [Fact]
    public async Task The_list_holds_every_conversation_newest_first_with_its_last_message()
    {
        var (created, body) = await _api.PostAsync("conversations", new { });
        Assert.Equal(201, created);
        await SendOkAsync("""{"recipient":{"id":"1234567890123456"},"message":{"attachment":{"type":"like_heart"}}}""");

        var list = (await _api.GetAsync("conversations")).AsArray();

        Assert.Equal(Customer, (string?)list[0]!["id"]);
        Assert.Equal("\u2764\ufe0f", (string?)list[0]!["lastText"]);
        Assert.Equal((string?)body["id"], (string?)list[1]!["id"]);
        Assert.Null((string?)list[1]!["lastText"]);
    }

    [Fact]
    public async Task Unknown_routes_and_actions_answer_with_what_exists()
    {
        var (status, body) = await _api.PostAsync($"conversations/{Customer}/dance");
        Assert.Equal(400, status);
        Assert.Contains("text, image", (string?)body["error"], StringComparison.Ordinal);
        using var missing = await _api.RawGetAsync("/_emulator/api/nothing");
        Assert.Equal(404, (int)missing.StatusCode);
    }

    [Fact]
    public async Task Arriving_from_an_ad_delivers_a_message_whose_referral_names_the_ad()
    {
        var (status, answer) = await _api.PostAsync($"conversations/{Customer}/ad", new { text = "Hi, I saw your ad", adTitle = "Autumn sale -30%", @ref = "autumn" });

        Assert.Equal(200, status);
        Assert.Equal("Delivered", (string?)answer["delivery"]);
        var message = WebhookTestKit.Single(_app, "message").GetProperty("message");
        Assert.Equal((string?)answer["messageId"], message.GetProperty("mid").GetString());
        Assert.Equal("Hi, I saw your ad", message.GetProperty("text").GetString());
        var referral = message.GetProperty("referral");
        Assert.Equal(("autumn", "ADS", "OPEN_THREAD"), (referral.GetProperty("ref").GetString(), referral.GetProperty("source").GetString(), referral.GetProperty("type").GetString()));
        Assert.Equal("Autumn sale -30%", referral.GetProperty("ads_context_data").GetProperty("ad_title").GetString());
        Assert.Matches("^[0-9]{18}$", referral.GetProperty("ad_id").GetString());

        var (missing, error) = await _api.PostAsync($"conversations/{Customer}/ad", new { adTitle = "No text" });
        Assert.Equal(400, missing);
        Assert.Contains("\"text\"", (string?)error["error"], StringComparison.Ordinal);
        var (badUrl, _) = await _api.PostAsync($"conversations/{Customer}/ad", new { text = "Hi", photoUrl = "not a url" });
        Assert.Equal(400, badUrl);
        Assert.Single(_app.Accepted);
    }

    [Fact]
    public async Task An_ig_me_link_into_a_new_thread_waits_for_the_first_message_and_into_an_existing_one_is_delivered_at_once()
    {
        var (status, fresh) = await _api.PostAsync($"conversations/{Customer}/link", new { @ref = "qr_store_lisbon" });

        Assert.Equal(200, status);
        Assert.True((bool)fresh["newThread"]!);
        Assert.False((bool)fresh["sent"]!);
        Assert.StartsWith("New thread: nothing is sent until the customer's first message", (string?)fresh["summary"], StringComparison.Ordinal);
        Assert.Empty(_app.Received);

        await _api.PostAsync($"conversations/{Customer}/text", new { text = "Hello!" });
        var first = WebhookTestKit.Single(_app, "message").GetProperty("message");
        Assert.Equal("qr_store_lisbon", first.GetProperty("referral").GetProperty("ref").GetString());
        Assert.Equal("SHORTLINK", first.GetProperty("referral").GetProperty("source").GetString());

        var (_, existing) = await _api.PostAsync($"conversations/{Customer}/link", new { @ref = "qr_again" });

        Assert.False((bool)existing["newThread"]!);
        Assert.True((bool)existing["sent"]!);
        Assert.Equal("Delivered", (string?)existing["delivery"]);
        var referral = WebhookTestKit.Single(_app, "referral").GetProperty("referral");
        Assert.Equal(("qr_again", "OPEN_THREAD"), (referral.GetProperty("ref").GetString(), referral.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_story_reply_names_the_story_and_its_link_sticker()
    {
        var (status, answer) = await _api.PostAsync($"conversations/{Customer}/story", new { text = "How much is this?", linkStickerUrl = "https://shop.example.com/autumn" });

        Assert.Equal(200, status);
        var message = WebhookTestKit.Single(_app, "message").GetProperty("message");
        Assert.Equal((string?)answer["messageId"], message.GetProperty("mid").GetString());
        Assert.Equal("How much is this?", message.GetProperty("text").GetString());
        var story = message.GetProperty("reply_to").GetProperty("story");
        Assert.Equal("https://shop.example.com/autumn", story.GetProperty("link_sticker_url").GetString());
        Assert.False(string.IsNullOrEmpty(story.GetProperty("id").GetString()));
        Assert.StartsWith("https://", story.GetProperty("url").GetString(), StringComparison.Ordinal);

        var (badSticker, error) = await _api.PostAsync($"conversations/{Customer}/story", new { text = "Hi", linkStickerUrl = "ftp://shop.example.com/a" });
        Assert.Equal(400, badSticker);
        Assert.Contains("http or https", (string?)error["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_is_a_comments_change_and_a_reply_names_its_parent()
    {
        var (status, top) = await _api.PostAsync($"conversations/{Customer}/comment", new { text = "Love it!", mediaId = "17921422172564586" });
        Assert.Equal(200, status);
        Assert.Equal("comments", (string?)top["kind"]);
        var (_, reply) = await _api.PostAsync($"conversations/{Customer}/comment", new { text = "Which colours?", mediaId = "17921422172564586", parentCommentId = (string)top["messageId"]! });

        Assert.Empty(_app.Items); // a comment is not a DM
        var changes = _app.Accepted.SelectMany(r => r.Changes).ToArray();
        Assert.Equal(2, changes.Length);
        Assert.All(changes, c => Assert.Equal("comments", c.GetProperty("field").GetString()));
        var first = changes[0].GetProperty("value");
        Assert.Equal(((string?)top["messageId"], "Love it!", _server.Emulator.User(Customer).IgUserId, "17921422172564586"),
            (first.GetProperty("id").GetString(), first.GetProperty("text").GetString(), first.GetProperty("from").GetProperty("id").GetString(), first.GetProperty("media").GetProperty("id").GetString()));
        Assert.False(first.TryGetProperty("parent_id", out _));
        var second = changes[1].GetProperty("value");
        Assert.Equal((string?)reply["messageId"], second.GetProperty("id").GetString());
        Assert.Equal((string?)top["messageId"], second.GetProperty("parent_id").GetString());
    }

    [Fact]
    public async Task Handing_the_thread_to_the_inbox_puts_the_customer_on_standby_until_the_app_takes_it_back()
    {
        var (status, passed) = await _api.PostAsync($"conversations/{Customer}/thread/pass", new { app = "inbox", metadata = "escalated" });

        Assert.Equal(200, status);
        Assert.Equal((EmulatorWebhooks.PageInboxAppId, "Page Inbox", true), ((string?)passed["thread"]!["owner"], (string?)passed["thread"]!["ownerName"], (bool)passed["thread"]!["standby"]!));
        var pass = WebhookTestKit.Single(_app, "pass_thread_control").GetProperty("pass_thread_control");
        Assert.Equal((EmulatorWebhooks.PageInboxAppId, "escalated"), (pass.GetProperty("new_owner_app_id").GetString(), pass.GetProperty("metadata").GetString()));
        Assert.Equal("Page Inbox", (string?)(await ConversationAsync())["thread"]!["ownerName"]);

        await _api.PostAsync($"conversations/{Customer}/text", new { text = "Is anyone there?" });
        var standby = Assert.Single(_app.Accepted.SelectMany(r => r.StandbyItems));
        Assert.Equal("Is anyone there?", standby.GetProperty("message").GetProperty("text").GetString());

        // While the inbox owns the thread the app's send is refused, and the page draws it as a failed bubble.
        var (notOwner, _) = await _api.SendAsync($$$"""{"recipient":{"id":"{{{Customer}}}"},"message":{"text":"Bot here"}}""");
        Assert.Equal(400, notOwner);
        var failed = (await ConversationAsync())["bubbles"]!.AsArray()[^1]!;
        Assert.Equal(("business", 100, 2534037), ((string?)failed["side"], (int)failed["failed"]!["code"]!, (int)failed["failed"]!["subcode"]!));
        Assert.StartsWith("(#100) Not the thread owner", (string?)failed["failed"]!["message"], StringComparison.Ordinal);

        var (again, refused) = await _api.PostAsync($"conversations/{Customer}/thread/pass", new { app = "inbox" });
        Assert.Equal(400, again);
        Assert.Contains("already owns", (string?)refused["error"], StringComparison.Ordinal);

        var (_, taken) = await _api.PostAsync($"conversations/{Customer}/thread/take");

        Assert.Equal((_server.Emulator.Webhooks.AppId, "this app", false), ((string?)taken["thread"]!["owner"], (string?)taken["thread"]!["ownerName"], (bool)taken["thread"]!["standby"]!));
        var take = WebhookTestKit.Single(_app, "take_thread_control").GetProperty("take_thread_control");
        Assert.Equal(EmulatorWebhooks.PageInboxAppId, take.GetProperty("previous_owner_app_id").GetString());
        Assert.Equal(_server.Emulator.Webhooks.AppId, take.GetProperty("new_owner_app_id").GetString());
        await _api.PostAsync($"conversations/{Customer}/text", new { text = "Thanks" });
        Assert.Contains(_app.Items, i => i.TryGetProperty("message", out var m) && m.GetProperty("text").GetString() == "Thanks");
        var (unknown, _) = await _api.PostAsync($"conversations/{Customer}/thread/steal");
        Assert.Equal(400, unknown);
    }

    [Fact]
    public async Task The_dashboard_test_posts_metas_sample_in_both_flavours()
    {
        var (status, instagram) = await _api.PostAsync("deliveries/test", new { flavor = "instagram" });
        var (_, facebook) = await _api.PostAsync("deliveries/test", new { flavor = "facebook" });

        Assert.Equal(200, status);
        Assert.Equal((200, 200), ((int)instagram["status"]!, (int)facebook["status"]!));
        Assert.Equal(2, _app.Accepted.Count);
        var change = Assert.Single(_app.Accepted[0].Changes);
        Assert.Equal("messages", change.GetProperty("field").GetString());
        Assert.Equal("random_text", change.GetProperty("value").GetProperty("message").GetProperty("text").GetString());
        Assert.Contains("\"changes\":[{\"field\":\"messages\",\"value\":{", _app.Accepted[0].Text, StringComparison.Ordinal); // compact, as spec §3.1 shows
        var item = Assert.Single(_app.Accepted[1].Items);
        Assert.Equal("12334", item.GetProperty("sender").GetProperty("id").GetString());
        Assert.Equal("0", _app.Accepted[1].Root.GetProperty("entry")[0].GetProperty("id").GetString());
        var (unknown, error) = await _api.PostAsync("deliveries/test", new { flavor = "myspace" });
        Assert.Equal(400, unknown);
        Assert.Contains("instagram or facebook", (string?)error["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enabling_the_subscription_from_the_page_resumes_deliveries()
    {
        _server.Emulator.Webhooks.DisableAfter = TimeSpan.FromMilliseconds(1);
        _server.Emulator.Webhooks.RetryDelays = new[] { TimeSpan.FromMilliseconds(20) };
        _app.Answer(500, 500);
        await _api.PostAsync($"conversations/{Customer}/text", new { text = "Are you there?" });
        Assert.NotNull((string?)(await _api.GetAsync("deliveries"))["subscriptionDisabled"]);

        var (status, enabled) = await _api.PostAsync("subscription/enable");

        Assert.Equal(200, status);
        Assert.Null((string?)enabled["subscriptionDisabled"]);
        Assert.Null((string?)(await _api.GetAsync("deliveries"))["subscriptionDisabled"]);
        var (_, sent) = await _api.PostAsync($"conversations/{Customer}/text", new { text = "Back again" });
        Assert.Equal("Delivered", (string?)sent["delivery"]);
        Assert.Contains(_app.Items, i => i.GetProperty("message").GetProperty("text").GetString() == "Back again");
    }

    private async Task<JsonNode> ConversationAsync() => await _api.GetAsync("conversations/" + Customer);

    private async Task<string> SendOkAsync(string json)
    {
        var (status, body) = await _api.SendAsync(json);
        Assert.True(status == 200, body.ToJsonString());
        return (string?)body["message_id"] ?? string.Empty;
    }
}
