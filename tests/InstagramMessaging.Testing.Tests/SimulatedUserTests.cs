using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static InstagramMessaging.Testing.Tests.WebhookTestKit;

namespace InstagramMessaging.Testing.Tests;

// What the simulated customer does reaches the app as Meta would deliver it: shapes from the webhook spec (§3, §4),
// escaped bytes, both signatures, Meta's headers. The receiver parses with JsonDocument and its own HMAC.
public class SimulatedUserTests
{
    private const string Customer = "7241980365028173";

    [Fact]
    public async Task A_text_message_arrives_in_Metas_envelope_signed_with_both_headers()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;

        var sent = await emulator.User(Customer).SendTextAsync("Is the blue jacket still in stock?");

        Assert.Equal(WebhookDeliveryOutcome.Delivered, await sent.Delivery);
        var post = Assert.Single(receiver.Received);
        Assert.True(post.SignatureValid);
        var root = post.Root;
        Assert.Equal("instagram", root.GetProperty("object").GetString());
        var entry = Assert.Single(root.GetProperty("entry").EnumerateArray());
        Assert.Equal(new[] { "time", "id", "messaging" }, entry.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(emulator.Webhooks.AccountId, entry.GetProperty("id").GetString());
        var item = Assert.Single(entry.GetProperty("messaging").EnumerateArray());
        Assert.Equal(new[] { "sender", "recipient", "timestamp", "message" }, item.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(Customer, item.GetProperty("sender").GetProperty("id").GetString());
        Assert.Equal(emulator.Webhooks.AccountId, item.GetProperty("recipient").GetProperty("id").GetString());
        Assert.True(entry.GetProperty("time").GetInt64() >= item.GetProperty("timestamp").GetInt64());
        var message = item.GetProperty("message");
        Assert.Equal(sent.MessageId, message.GetProperty("mid").GetString());
        Assert.Equal("Is the blue jacket still in stock?", message.GetProperty("text").GetString());
        Assert.Contains("\"messaging\":[" + sent.Json + "]", post.Text);

        // Compact, and Meta's headers: both signatures over the raw bytes, computed here independently.
        Assert.DoesNotContain(" ", post.Text.Replace("Is the blue jacket still in stock?", string.Empty));
        var key = Encoding.UTF8.GetBytes(emulator.Webhooks.AppSecret);
        Assert.Equal("sha256=" + Convert.ToHexString(HMACSHA256.HashData(key, post.Body)).ToLowerInvariant(), post.Headers["X-Hub-Signature-256"]);
        Assert.Equal("sha1=" + Convert.ToHexString(HMACSHA1.HashData(key, post.Body)).ToLowerInvariant(), post.Headers["X-Hub-Signature"]);
        Assert.Equal("application/json", post.Headers["Content-Type"]);
        Assert.Equal("Webhooks/1.0 (https://fb.me/webhooks)", post.Headers["User-Agent"]);
        Assert.Equal("*/*", post.Headers["Accept"]);
        Assert.Equal("gzip", post.Headers["Accept-Encoding"]);
    }

    [Fact]
    public async Task Ids_look_like_Metas()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var igsid = emulator.NewUserId();

        var sent = await emulator.User(igsid).SendTextAsync("hi");

        Assert.Matches("^1784[0-9]{13}$", emulator.Webhooks.AccountId);
        Assert.Matches("^[1-9][0-9]{14,16}$", igsid);
        Assert.Matches("^aWdfZAG1faXRlbToxOklHTWVzc2FnZA[A-Za-z0-9]{120,}ZDZD$", sent.MessageId);
        Assert.NotEqual(sent.MessageId, (await emulator.User(igsid).SendTextAsync("again")).MessageId);
    }

    [Fact]
    public async Task Non_ASCII_text_is_sent_as_lowercase_escapes_with_surrogate_pairs_and_the_signature_covers_those_bytes()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;

        await emulator.User(Customer).SendTextAsync("Olá \"Zoë\" 😊\n<b>&");

        var post = Assert.Single(receiver.Received);
        Assert.True(post.SignatureValid);
        Assert.All(post.Body, b => Assert.True(b < 0x80, "every byte is ASCII"));
        Assert.Contains(@"""text"":""Ol\u00e1 \""Zo\u00eb\"" \ud83d\ude0a\n<b>&""", post.Text);
        Assert.Equal("Olá \"Zoë\" 😊\n<b>&", Single(receiver, "message").GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Timestamps_are_epoch_milliseconds_of_the_emulators_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1781520015307));
        var (emulator, receiver) = await StartAsync(new GraphApiEmulator(timeProvider: clock));
        await using var scope = receiver;

        var sent = await emulator.User(Customer).SendTextAsync("hi");

        var entry = receiver.Received.Single().Root.GetProperty("entry")[0];
        Assert.Equal(1781520015307, entry.GetProperty("messaging")[0].GetProperty("timestamp").GetInt64());
        Assert.Equal(1781520015307, entry.GetProperty("time").GetInt64());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1781520015307), sent.Timestamp);
    }

    [Theory]
    [InlineData("image")]
    [InlineData("video")]
    [InlineData("audio")]
    [InlineData("file")]
    [InlineData("story_mention")]
    public async Task A_media_attachment_arrives_as_a_lookaside_CDN_url(string type)
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;

        var sent = await emulator.User(Customer).SendAttachmentAsync(type);

        var message = Single(receiver, "message").GetProperty("message");
        Assert.Equal(sent.MessageId, message.GetProperty("mid").GetString());
        Assert.False(message.TryGetProperty("text", out _));
        var attachment = Assert.Single(message.GetProperty("attachments").EnumerateArray());
        Assert.Equal(type, attachment.GetProperty("type").GetString());
        Assert.Matches(@"^https://lookaside\.fbsbx\.com/ig_messaging_cdn/\?asset_id=[0-9]+&signature=[A-Za-z0-9_-]+$", attachment.GetProperty("payload").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Shared_reels_posts_and_stories_carry_their_ids_and_view_once_media_no_payload()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var user = emulator.User(Customer);

        await user.SendAttachmentAsync("ig_reel", title: "Three ways to style a denim jacket");
        await user.SendAttachmentAsync("ig_post", new Uri("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1&signature=x"));
        await user.SendAttachmentAsync("ig_story");
        await user.SendAttachmentAsync("ephemeral");

        var attachments = receiver.Items.Select(i => i.GetProperty("message").GetProperty("attachments")[0]).ToArray();
        Assert.Equal("Three ways to style a denim jacket", attachments[0].GetProperty("payload").GetProperty("title").GetString());
        Assert.Matches("^[0-9]+$", attachments[0].GetProperty("payload").GetProperty("reel_video_id").GetString());
        Assert.Equal("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1&signature=x", attachments[1].GetProperty("payload").GetProperty("url").GetString());
        Assert.Matches("^[0-9]+$", attachments[1].GetProperty("payload").GetProperty("ig_post_media_id").GetString());
        Assert.StartsWith("https://lookaside.fbsbx.com/", attachments[2].GetProperty("payload").GetProperty("story_media_url").GetString());
        Assert.False(attachments[3].TryGetProperty("payload", out _));
    }

    [Fact]
    public async Task Tapping_a_quick_reply_the_business_sent_arrives_as_a_message_with_its_title_and_payload()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.DeliverEchoes = false;
        await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"text":"How can we help?","quick_replies":[{"content_type":"text","title":"Track my order","payload":"ORDER_STATUS"},{"content_type":"text","title":"Talk to us 💬","payload":"HUMAN"}]} }""");

        var tapped = await emulator.User(Customer).TapQuickReplyAsync("HUMAN");

        var message = Single(receiver, "message").GetProperty("message");
        Assert.Equal(tapped.MessageId, message.GetProperty("mid").GetString());
        Assert.Equal("Talk to us 💬", message.GetProperty("text").GetString());
        Assert.Equal("HUMAN", message.GetProperty("quick_reply").GetProperty("payload").GetString());
        Assert.Equal(new[] { "ORDER_STATUS", "HUMAN" }, emulator.User(Customer).OfferedQuickReplies);
    }

    [Fact]
    public async Task Tapping_a_payload_never_offered_throws_naming_the_offered_ones_and_sends_nothing()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.DeliverEchoes = false;
        var user = emulator.User(Customer);

        var none = await Assert.ThrowsAsync<InvalidOperationException>(() => user.TapQuickReplyAsync("ORDER_STATUS"));
        Assert.Contains("nothing offered", none.Message);

        await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"text":"Pick one","quick_replies":[{"content_type":"text","title":"Track","payload":"ORDER_STATUS"},{"content_type":"text","title":"Returns","payload":"RETURNS"}]} }""");
        // Offered to someone else does not count.
        await BusinessSendsAsync(emulator, """{"recipient":{"id":"999"},"message":{"text":"Hi","quick_replies":[{"content_type":"text","title":"Other","payload":"OTHER"}]}}""");

        var typo = await Assert.ThrowsAsync<InvalidOperationException>(() => user.TapQuickReplyAsync("ORDER_STATUSS"));
        Assert.Contains("'ORDER_STATUSS'", typo.Message);
        Assert.Contains("'ORDER_STATUS', 'RETURNS'", typo.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => user.TapQuickReplyAsync("OTHER"));
        var notPostback = await Assert.ThrowsAsync<InvalidOperationException>(() => user.PressPostbackAsync("ORDER_STATUS"));
        Assert.Contains("postback", notPostback.Message);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Pressing_a_template_button_arrives_as_a_postback_with_its_title_and_payload()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.DeliverEchoes = false;
        await BusinessSendsAsync(emulator, $$"""
            {"recipient":{"id":"{{Customer}}"},"message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[
              {"title":"Blue jacket","subtitle":"€89","buttons":[{"type":"web_url","url":"https://shop.example.com/j","title":"View"},{"type":"postback","title":"Buy now","payload":"BUY_JACKET"}]},
              {"title":"Red scarf","subtitle":"€19","buttons":[{"type":"postback","title":"Buy now","payload":"BUY_SCARF"}]}]} } } }
            """);
        await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"attachment":{"type":"template","payload":{"template_type":"button","text":"Need help?","buttons":[{"type":"postback","title":"Call me","payload":"CALLBACK"}]} } } }""");

        var pressed = await emulator.User(Customer).PressPostbackAsync("BUY_SCARF");
        await emulator.User(Customer).PressPostbackAsync("CALLBACK");

        var postbacks = receiver.Items.Select(i => i.GetProperty("postback")).ToArray();
        Assert.Equal(pressed.MessageId, postbacks[0].GetProperty("mid").GetString());
        Assert.Equal(("Buy now", "BUY_SCARF"), (postbacks[0].GetProperty("title").GetString(), postbacks[0].GetProperty("payload").GetString()));
        Assert.Equal(("Call me", "CALLBACK"), (postbacks[1].GetProperty("title").GetString(), postbacks[1].GetProperty("payload").GetString()));
        Assert.Equal("postback", pressed.Kind);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => emulator.User(Customer).PressPostbackAsync("View"));
        Assert.Contains("'BUY_JACKET', 'BUY_SCARF', 'CALLBACK'", error.Message);
    }

    [Fact]
    public async Task Ice_breakers_and_persistent_menu_postbacks_are_offered_to_every_customer()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        await BusinessSendsAsync(emulator, """{"platform":"instagram","ice_breakers":[{"locale":"default","call_to_actions":[{"question":"What are your opening hours?","payload":"ICEBREAKER_HOURS"}]}]}""", "/v25.0/me/messenger_profile?platform=instagram");
        await BusinessSendsAsync(emulator, """{"platform":"instagram","persistent_menu":[{"locale":"default","call_to_actions":[{"type":"postback","title":"My orders","payload":"MENU_ORDERS"},{"type":"web_url","title":"Shop","url":"https://shop.example.com"}]}]}""", "/v25.0/me/messenger_profile?platform=instagram");
        var stranger = emulator.User(emulator.NewUserId());

        await stranger.PressPostbackAsync("ICEBREAKER_HOURS");
        await stranger.PressPostbackAsync("MENU_ORDERS");

        var postbacks = receiver.Items.Select(i => i.GetProperty("postback")).ToArray();
        Assert.Equal(("What are your opening hours?", "ICEBREAKER_HOURS"), (postbacks[0].GetProperty("title").GetString(), postbacks[0].GetProperty("payload").GetString()));
        Assert.Equal(("My orders", "MENU_ORDERS"), (postbacks[1].GetProperty("title").GetString(), postbacks[1].GetProperty("payload").GetString()));
        Assert.Equal(stranger.Id, receiver.Items[0].GetProperty("sender").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Reactions_reads_edits_deletions_and_replies_have_the_spec_shapes()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.DeliverEchoes = false;
        var user = emulator.User(Customer);
        var business = await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"text":"We ship to Portugal in 2-3 days."} }""");
        var own = (await user.SendTextAsync("Do you ship to Lisbon?")).MessageId;

        await user.ReactAsync(business);
        await user.ReactAsync(business, "other", "🔥");
        await user.UnreactAsync(business);
        await user.ReadAsync(business);
        await user.EditAsync(own, "Do you ship to Lisbon and Porto?");
        await user.EditAsync(own, "Do you ship to Porto?");
        var reply = await user.ReplyToAsync(business, "yes this one");
        await user.ReplyToAsync(own, "and Faro");
        await user.DeleteAsync(own);

        var items = receiver.Items.Skip(1).ToArray();
        Assert.Equal(9, items.Length);
        Assert.Equal($$"""{"mid":"{{business}}","action":"react","reaction":"love","emoji":"\u2764\ufe0f"}""", Raw(receiver, 1, "reaction"));
        Assert.Equal("🔥", items[1].GetProperty("reaction").GetProperty("emoji").GetString());
        Assert.Equal("other", items[1].GetProperty("reaction").GetProperty("reaction").GetString());
        Assert.Equal($$"""{"mid":"{{business}}","action":"unreact"}""", items[2].GetProperty("reaction").GetRawText());
        Assert.Equal($$"""{"mid":"{{business}}"}""", items[3].GetProperty("read").GetRawText());
        Assert.Equal($$"""{"mid":"{{own}}","text":"Do you ship to Lisbon and Porto?","num_edit":1}""", items[4].GetProperty("message_edit").GetRawText());
        Assert.Equal(2, items[5].GetProperty("message_edit").GetProperty("num_edit").GetInt32());
        Assert.Equal("{\"mid\":\"" + reply.MessageId + "\",\"text\":\"yes this one\",\"reply_to\":{\"mid\":\"" + business + "\",\"is_self_reply\":false}}", items[6].GetProperty("message").GetRawText());
        Assert.True(items[7].GetProperty("message").GetProperty("reply_to").GetProperty("is_self_reply").GetBoolean());
        Assert.Equal($$"""{"mid":"{{own}}","is_deleted":true}""", items[8].GetProperty("message").GetRawText());
        Assert.All(items, i => Assert.Equal(Customer, i.GetProperty("sender").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_customer_cannot_touch_messages_outside_their_conversation_nor_change_the_business_messages()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.DeliverEchoes = false;
        var user = emulator.User(Customer);
        var business = await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"text":"Hello"} }""");
        var someoneElses = (await emulator.User("123456789012345").SendTextAsync("mine")).MessageId;
        var own = (await user.SendTextAsync("typo")).MessageId;

        await Assert.ThrowsAsync<InvalidOperationException>(() => user.ReactAsync(someoneElses));
        await Assert.ThrowsAsync<InvalidOperationException>(() => user.ReplyToAsync("aWdfZAunknownZDZD", "?"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => user.EditAsync(business, "changed"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => user.DeleteAsync(business));
        await Assert.ThrowsAsync<InvalidOperationException>(() => user.ReadAsync(own));
        for (var i = 0; i < 5; i++)
        {
            await user.EditAsync(own, "fixed " + i);
        }

        var sixth = await Assert.ThrowsAsync<InvalidOperationException>(() => user.EditAsync(own, "again"));
        Assert.Contains("5 times", sixth.Message);
        await user.DeleteAsync(own);
        await Assert.ThrowsAsync<InvalidOperationException>(() => user.ReactAsync(own));
        await Assert.ThrowsAsync<ArgumentException>(() => user.ReactAsync(business, "other"));
    }

    [Fact]
    public async Task The_customer_writing_opens_the_24_hour_window()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.CloseWindow(Customer);

        await emulator.User(Customer).SendTextAsync("Hi again");

        Assert.NotEmpty(await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"text":"Welcome back"} }"""));
    }

    [Fact]
    public async Task Without_a_callback_actions_still_return_their_event_but_nothing_is_delivered()
    {
        var emulator = new GraphApiEmulator();

        var sent = await emulator.User(Customer).SendTextAsync("hello");

        Assert.Equal(WebhookDeliveryOutcome.NotDelivered, await sent.Delivery);
        Assert.Contains(@"""text"":""hello""", sent.Json);
        Assert.Empty(emulator.Webhooks.Attempts);
        Assert.Same(emulator.User(Customer), emulator.User(Customer));
    }

    [Fact]
    public async Task A_click_to_direct_ad_arrives_as_a_message_whose_referral_names_the_ad()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var user = emulator.User(Customer);

        var clicked = await user.ClickAdAsync("Hi, I saw your ad 👀", "120210987654321098", "autumn_sale", "Outono −30% 🍂", new Uri("https://scontent.xx.fbcdn.net/v/t45.1600-4/ad.jpg"));
        var video = await user.ClickAdAsync("Is this still on?", videoUrl: new Uri("https://video.xx.fbcdn.net/v/t42.1790-2/ad.mp4"));

        Assert.All(receiver.Received, p => Assert.True(p.SignatureValid));
        Assert.All(receiver.Received, p => Assert.All(p.Body, b => Assert.True(b < 0x80, "every byte is ASCII")));
        var item = receiver.Items[0];
        Assert.Equal(new[] { "sender", "recipient", "timestamp", "message" }, item.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(
            "{\"mid\":\"" + clicked.MessageId + "\",\"text\":\"Hi, I saw your ad \\ud83d\\udc40\",\"referral\":{\"ref\":\"autumn_sale\",\"ad_id\":\"120210987654321098\","
            + "\"source\":\"ADS\",\"type\":\"OPEN_THREAD\",\"ads_context_data\":{\"ad_title\":\"Outono \\u221230% \\ud83c\\udf42\",\"photo_url\":\"https://scontent.xx.fbcdn.net/v/t45.1600-4/ad.jpg\"}}}",
            MessageText(receiver.Accepted[0]));
        Assert.Equal("Outono −30% 🍂", item.GetProperty("message").GetProperty("referral").GetProperty("ads_context_data").GetProperty("ad_title").GetString());

        // Defaults: a realistic ad id, no ref, a title, and a video ad names video_url instead of photo_url.
        var referral = receiver.Items[1].GetProperty("message").GetProperty("referral");
        Assert.Equal(video.MessageId, receiver.Items[1].GetProperty("message").GetProperty("mid").GetString());
        Assert.Equal(new[] { "ad_id", "source", "type", "ads_context_data" }, referral.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Matches("^1202[0-9]{14}$", referral.GetProperty("ad_id").GetString());
        Assert.Equal(new[] { "ad_title", "video_url" }, referral.GetProperty("ads_context_data").EnumerateObject().Select(p => p.Name).ToArray());
        var photo = (await user.ClickAdAsync("hello")).Json;
        Assert.Matches("\"photo_url\":\"https://scontent\\.xx\\.fbcdn\\.net/v/t45\\.1600-4/[0-9_]+_n\\.jpg\"", photo);

        // An ad's message is the customer writing: it is their own message and opens the window.
        emulator.CloseWindow(Customer);
        await user.ClickAdAsync("again");
        Assert.NotEmpty(await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"text":"Welcome!"} }"""));
        await user.EditAsync(clicked.MessageId, "Hi, I saw your ad");
    }

    [Fact]
    public async Task A_link_opened_while_the_first_message_is_on_its_way_is_never_lost()
    {
        // The clock is read while the first message is being written: the link is opened at exactly that moment.
        var clock = new ClockWithHook(DateTimeOffset.Parse("2026-11-20T10:00:00Z"));
        var (emulator, receiver) = await StartAsync(new GraphApiEmulator(timeProvider: clock));
        await using var scope = receiver;
        var user = emulator.User(Customer);
        Task<SimulatedLinkOpening>? opening = null;
        clock.Once = () => opening = user.OpenLinkAsync("poster");

        var first = await user.SendTextAsync("Hi");
        var opened = await opening!;

        // The message had already taken its (absent) referral: the thread exists, so the link comes on its own.
        Assert.False(opened.IsNewThread);
        Assert.Equal("referral", opened.Event!.Kind);
        Assert.DoesNotContain("referral", first.Json);
        var second = await user.SendTextAsync("Still there?");
        Assert.DoesNotContain("referral", second.Json);
    }

    [Fact]
    public async Task An_ig_me_link_into_a_new_thread_sends_nothing_until_the_first_message_which_carries_the_referral()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var user = emulator.User(Customer);

        var opened = await user.OpenLinkAsync("qr_store_lisbon");

        Assert.True(opened.IsNewThread);
        Assert.Null(opened.Event);
        Assert.Equal(("qr_store_lisbon", "SHORTLINK"), (opened.Ref, opened.Source));
        Assert.Empty(receiver.Received);
        Assert.Empty(emulator.Webhooks.Attempts);

        var first = await user.SendTextAsync("Olá! Are you open today?");
        var second = await user.SendTextAsync("and tomorrow?");

        Assert.Equal(
            "{\"mid\":\"" + first.MessageId + "\",\"text\":\"Ol\\u00e1! Are you open today?\",\"referral\":{\"ref\":\"qr_store_lisbon\",\"source\":\"SHORTLINK\",\"type\":\"OPEN_THREAD\"}}",
            MessageText(receiver.Accepted[0]));
        Assert.False(receiver.Items[1].GetProperty("message").TryGetProperty("referral", out _));
        Assert.DoesNotContain("referral", second.Json);
        Assert.All(receiver.Received, p => Assert.True(p.SignatureValid));
    }

    [Fact]
    public async Task An_ig_me_link_into_a_new_thread_rides_on_the_ice_breaker_postback_and_the_latest_link_wins()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        await BusinessSendsAsync(emulator, """{"platform":"instagram","ice_breakers":[{"locale":"default","call_to_actions":[{"question":"What are your opening hours?","payload":"ICEBREAKER_HOURS"}]}]}""", "/v25.0/me/messenger_profile?platform=instagram");
        var user = emulator.User(Customer);

        await user.OpenLinkAsync("poster");
        await user.OpenLinkAsync("flyer", "SHORTLINKS");
        var pressed = await user.PressPostbackAsync("ICEBREAKER_HOURS");

        var postback = Single(receiver, "postback").GetProperty("postback");
        Assert.Equal(pressed.MessageId, postback.GetProperty("mid").GetString());
        Assert.Equal("""{"ref":"flyer","source":"SHORTLINKS","type":"OPEN_THREAD"}""", postback.GetProperty("referral").GetRawText());
    }

    [Fact]
    public async Task An_ig_me_link_into_an_existing_thread_is_a_standalone_referral_that_reopens_the_window()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.DeliverEchoes = false;
        var user = emulator.User(Customer);
        await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"text":"Thanks for your order!"} }""");
        emulator.CloseWindow(Customer);

        var opened = await user.OpenLinkAsync("qr_store_lisbon");

        Assert.False(opened.IsNewThread);
        var referral = Assert.IsType<SimulatedEvent>(opened.Event);
        Assert.Equal("referral", referral.Kind);
        Assert.Equal(WebhookDeliveryOutcome.Delivered, await referral.Delivery);
        var post = Assert.Single(receiver.Received);
        Assert.True(post.SignatureValid);
        var item = Assert.Single(post.Items);
        Assert.Equal(new[] { "sender", "recipient", "timestamp", "referral" }, item.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(Customer, item.GetProperty("sender").GetProperty("id").GetString());
        Assert.Equal(emulator.Webhooks.AccountId, item.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Contains("\"referral\":{\"ref\":\"qr_store_lisbon\",\"source\":\"SHORTLINK\",\"type\":\"OPEN_THREAD\"}}", post.Text);
        Assert.Equal(referral.Json, item.GetRawText());
        Assert.NotEmpty(await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"text":"Welcome back!"} }"""));

        // A later message carries no referral; a link without ref into an existing thread sends nothing.
        Assert.DoesNotContain("referral", (await user.SendTextAsync("hi")).Json);
        var bare = await user.OpenLinkAsync();
        Assert.False(bare.IsNewThread);
        Assert.Null(bare.Event);
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task A_story_reply_quotes_the_story_with_its_link_sticker()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var user = emulator.User(Customer);

        var reply = await user.ReplyToStoryAsync("How much is this? 😍", "18074819347285670", new Uri("https://shop.example.com/autumn"),
            new Uri("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18074819347285670&signature=Abw"));
        var plain = await user.ReplyToStoryAsync("Nice");

        Assert.All(receiver.Received, p => Assert.True(p.SignatureValid));
        Assert.Equal(
            "{\"mid\":\"" + reply.MessageId + "\",\"text\":\"How much is this? \\ud83d\\ude0d\",\"reply_to\":{\"story\":{\"id\":\"18074819347285670\","
            + "\"url\":\"https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18074819347285670&signature=Abw\",\"link_sticker_url\":\"https://shop.example.com/autumn\"}}}",
            MessageText(receiver.Accepted[0]));
        var story = receiver.Items[1].GetProperty("message").GetProperty("reply_to").GetProperty("story");
        Assert.Equal(new[] { "id", "url" }, story.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Matches("^[0-9]{17,}$", story.GetProperty("id").GetString());
        Assert.StartsWith("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=" + story.GetProperty("id").GetString() + "&signature=", story.GetProperty("url").GetString());
        Assert.Equal(plain.MessageId, receiver.Items[1].GetProperty("message").GetProperty("mid").GetString());
        await user.DeleteAsync(reply.MessageId); // the customer's own message
    }

    [Fact]
    public async Task A_comment_arrives_as_a_changes_entry_with_Metas_spacing_and_seconds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1781521100250));
        var (emulator, receiver) = await StartAsync(new GraphApiEmulator(timeProvider: clock));
        await using var scope = receiver;
        var user = emulator.User(Customer);

        var comment = await user.CommentAsync("Love it! Price? 😍", "17921422172564586", username: "ana.silva");
        var reply = await user.CommentAsync("Also in blue?", "17921422172564586", parentCommentId: comment.MessageId, username: "ana.silva");

        Assert.Equal(WebhookDeliveryOutcome.Delivered, await comment.Delivery);
        Assert.Equal("comments", comment.Kind);
        Assert.Matches("^17[0-9]{15}$", comment.MessageId);
        var post = receiver.Received[0];
        Assert.True(post.SignatureValid);
        var commenter = user.IgUserId; // the commenter's Instagram user id, not the IGSID (spec 4.17)
        Assert.Matches("^1[0-9]{15}$", commenter);
        Assert.NotEqual(Customer, commenter);
        var expected = "{\"entry\": [{\"id\": \"" + emulator.Webhooks.AccountId + "\", \"time\": 1781521100, \"changes\": [{\"value\": {\"from\": {\"id\": \"" + commenter
            + "\", \"username\": \"ana.silva\"}, \"media\": {\"id\": \"17921422172564586\", \"media_product_type\": \"FEED\"}, \"id\": \"" + comment.MessageId
            + "\", \"text\": \"Love it! Price? \\ud83d\\ude0d\"}, \"field\": \"comments\"}]}], \"object\": \"instagram\"}";
        Assert.Equal(expected, post.Text);
        Assert.Contains(comment.Json, post.Text);
        var key = Encoding.UTF8.GetBytes(emulator.Webhooks.AppSecret);
        Assert.Equal("sha256=" + Convert.ToHexString(HMACSHA256.HashData(key, post.Body)).ToLowerInvariant(), post.Headers["X-Hub-Signature-256"]);
        Assert.Equal("Love it! Price? 😍", post.Changes[0].GetProperty("value").GetProperty("text").GetString());

        var value = Assert.Single(receiver.Received[1].Changes).GetProperty("value");
        Assert.Equal(new[] { "from", "media", "id", "parent_id", "text" }, value.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(comment.MessageId, value.GetProperty("parent_id").GetString());
        Assert.Equal(commenter, value.GetProperty("from").GetProperty("id").GetString()); // stable per customer
        Assert.Equal(reply.MessageId, value.GetProperty("id").GetString());
        Assert.Empty(receiver.Items);
    }

    [Fact]
    public async Task A_comment_does_not_open_the_window_and_defaults_to_a_realistic_post_and_username()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.CloseWindow(Customer);

        var comment = await emulator.User(Customer).CommentAsync("🔥🔥🔥");

        var value = Assert.Single(receiver.Accepted.SelectMany(p => p.Changes)).GetProperty("value");
        Assert.Equal("customer_" + Customer[^6..], value.GetProperty("from").GetProperty("username").GetString());
        Assert.Matches("^[0-9]{17,}$", value.GetProperty("media").GetProperty("id").GetString());
        Assert.Equal("FEED", value.GetProperty("media").GetProperty("media_product_type").GetString());
        Assert.Equal(WebhookDeliveryOutcome.Delivered, await comment.Delivery);
        var (status, code, subcode) = await BusinessSendErrorAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"text":"Thanks!"} }""");
        Assert.Equal((400, 10, 2534022), (status, code, subcode));
    }

    [Fact]
    public async Task Comments_and_messages_held_for_one_batch_go_in_POSTs_of_their_own_form()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.Faults.BatchSize = 10;
        var user = emulator.User(Customer);

        await user.SendTextAsync("one");
        await user.CommentAsync("a comment");
        await user.CommentAsync("another");
        await user.SendTextAsync("two");
        await emulator.Webhooks.FlushAsync();

        var posts = receiver.Accepted;
        Assert.Equal(new[] { 1, 2, 1 }, posts.Select(p => p.Root.GetProperty("entry").GetArrayLength()).ToArray());
        Assert.Equal(new[] { "messaging", "changes", "messaging" }, posts.Select(p => p.Root.GetProperty("entry")[0].EnumerateObject().Last().Name).ToArray());
        Assert.StartsWith("{\"entry\": [{\"id\": ", posts[1].Text);
        Assert.Contains("]}, {\"id\": ", posts[1].Text);
    }

    [Fact]
    public async Task While_another_app_owns_the_thread_a_link_referral_comes_in_standby_but_a_comment_stays_a_change()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var user = emulator.User(Customer);
        await user.SendTextAsync("hi");
        await emulator.Webhooks.PassThreadControlAsync(Customer, EmulatorWebhooks.PageInboxAppId);

        await user.OpenLinkAsync("qr_store_lisbon");
        await user.CommentAsync("nice post");

        var referral = Assert.Single(receiver.Accepted.SelectMany(p => p.StandbyItems));
        Assert.Equal("qr_store_lisbon", referral.GetProperty("referral").GetProperty("ref").GetString());
        Assert.Equal("comments", Assert.Single(receiver.Accepted.SelectMany(p => p.Changes)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Writing_from_a_shop_product_arrives_as_a_message_whose_referral_names_only_the_product()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var user = emulator.User(Customer);
        emulator.CloseWindow(Customer);
        await user.OpenLinkAsync("qr_store_lisbon"); // a new thread: this referral waits for the first message...

        var product = await user.WriteFromProductAsync("Tem este casaco em M? 🧥", "7328495012345678");
        var later = await user.SendTextAsync("Obrigada");
        var defaulted = await user.WriteFromProductAsync("And this one?");

        Assert.All(receiver.Received, p => Assert.True(p.SignatureValid));
        Assert.All(receiver.Received, p => Assert.All(p.Body, b => Assert.True(b < 0x80, "every byte is ASCII")));
        Assert.Equal(("message", product.MessageId), (product.Kind, receiver.Items[0].GetProperty("message").GetProperty("mid").GetString()));
        Assert.Equal(
            "{\"mid\":\"" + product.MessageId + "\",\"text\":\"Tem este casaco em M? \\ud83e\\udde5\",\"referral\":{\"product\":{\"id\":\"7328495012345678\"}}}",
            MessageText(receiver.Accepted[0]));
        Assert.Contains(product.Json, receiver.Received[0].Text);

        // ...and the product's referral replaced it: the next message carries none; a default product id is realistic.
        Assert.DoesNotContain("referral", later.Json);
        Assert.Matches("^[1-9][0-9]{15}$", receiver.Items[2].GetProperty("message").GetProperty("referral").GetProperty("product").GetProperty("id").GetString());
        Assert.Equal(defaulted.MessageId, receiver.Items[2].GetProperty("message").GetProperty("mid").GetString());

        // The customer wrote: the window is open, and the message is theirs to edit.
        Assert.Equal(200, await BusinessSendStatusAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"text":"Temos, sim!"} }"""));
        await user.EditAsync(product.MessageId, "Tem este casaco em M?");
    }

    [Fact]
    public async Task A_live_comment_arrives_as_live_comments_on_the_broadcasts_media_and_stops_with_the_broadcast()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1781521100250));
        var (emulator, receiver) = await StartAsync(new GraphApiEmulator(timeProvider: clock));
        await using var scope = receiver;
        var user = emulator.User(Customer);
        var live = emulator.StartLiveBroadcast("17990011223344556");

        var comment = await user.CommentOnLiveAsync(live, "Olá from Porto! 👋", "ana.silva");

        Assert.Equal(("live_comments", WebhookDeliveryOutcome.Delivered), (comment.Kind, await comment.Delivery));
        Assert.Matches("^17[0-9]{15}$", comment.MessageId);
        var post = Assert.Single(receiver.Received);
        Assert.True(post.SignatureValid);
        Assert.Equal(
            "{\"entry\": [{\"id\": \"" + emulator.Webhooks.AccountId + "\", \"time\": 1781521100, \"changes\": [{\"value\": {\"from\": {\"id\": \"" + user.IgUserId
            + "\", \"username\": \"ana.silva\"}, \"media\": {\"id\": \"17990011223344556\", \"media_product_type\": \"LIVE\"}, \"id\": \"" + comment.MessageId
            + "\", \"text\": \"Ol\\u00e1 from Porto! \\ud83d\\udc4b\"}, \"field\": \"live_comments\"}]}], \"object\": \"instagram\"}",
            post.Text);
        Assert.Contains(comment.Json, post.Text);
        Assert.Equal((clock.GetUtcNow(), (DateTimeOffset?)null, true), (live.StartedAt, live.EndedAt, live.IsLive));

        // The broadcast ends: no more comments on it (nothing sent); a broadcast is started once, by its own emulator.
        clock.Advance(TimeSpan.FromMinutes(30));
        live.End();
        var ended = await Assert.ThrowsAsync<InvalidOperationException>(() => user.CommentOnLiveAsync(live, "Still there?"));
        Assert.Contains("17990011223344556 has ended", ended.Message);
        Assert.Equal(clock.GetUtcNow(), live.EndedAt);
        var foreign = new GraphApiEmulator().StartLiveBroadcast();
        Assert.Contains("not started by this emulator", (await Assert.ThrowsAsync<InvalidOperationException>(() => user.CommentOnLiveAsync(foreign, "hi"))).Message);
        Assert.Throws<InvalidOperationException>(() => emulator.StartLiveBroadcast("17990011223344556"));
        Assert.Matches("^18[0-9]{16}$", emulator.StartLiveBroadcast().MediaId);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Mentions_arrive_in_the_mentions_field_with_Facebook_Login_and_as_comments_or_nothing_with_Instagram_Login()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1781521100250));
        var (emulator, receiver) = await StartAsync(new GraphApiEmulator(timeProvider: clock));
        await using var scope = receiver;
        var user = emulator.User(Customer);
        Assert.Equal(WebhookLoginFlavor.InstagramLogin, emulator.Webhooks.LoginFlavor);

        // Instagram Login has no mentions field: a mention in a comment is a comment, one in a caption sends nothing.
        var asComment = await user.MentionInCommentAsync("@yourshop olha isto!", "17921422172564586", "ana.silva");
        var inCaption = await user.MentionInCaptionAsync("17921422172564999");
        Assert.Null(inCaption);
        Assert.Equal("comments", asComment.Kind);
        var comment = Assert.Single(Assert.Single(receiver.Received).Changes);
        Assert.Equal("comments", comment.GetProperty("field").GetString());
        Assert.Equal(("@yourshop olha isto!", asComment.MessageId), (comment.GetProperty("value").GetProperty("text").GetString(), comment.GetProperty("value").GetProperty("id").GetString()));

        emulator.Webhooks.LoginFlavor = WebhookLoginFlavor.FacebookLogin;
        var mention = await user.MentionInCommentAsync("@yourshop olha isto!", "17921422172564586");
        var caption = await user.MentionInCaptionAsync("17921422172564999");

        Assert.Equal(("mentions", "mentions"), (mention.Kind, caption!.Kind));
        Assert.Matches("^17[0-9]{15}$", mention.MessageId);
        Assert.Equal(string.Empty, caption.MessageId);
        Assert.All(receiver.Received, p => Assert.True(p.SignatureValid));
        var account = emulator.Webhooks.AccountId;
        Assert.Equal(
            "{\"entry\": [{\"id\": \"" + account + "\", \"time\": 1781521100, \"changes\": [{\"value\": {\"media_id\": \"17921422172564586\", \"comment_id\": \""
            + mention.MessageId + "\"}, \"field\": \"mentions\"}]}], \"object\": \"instagram\"}",
            receiver.Received[1].Text);
        Assert.Equal(
            "{\"entry\": [{\"id\": \"" + account + "\", \"time\": 1781521100, \"changes\": [{\"value\": {\"media_id\": \"17921422172564999\"}, \"field\": \"mentions\"}]}], \"object\": \"instagram\"}",
            receiver.Received[2].Text);
        Assert.Equal(mention.Json, Assert.Single(receiver.Received[1].Changes).GetRawText());
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task The_new_actions_refuse_bad_arguments_and_send_nothing()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var user = emulator.User(Customer);

        await Assert.ThrowsAsync<ArgumentException>(() => user.ClickAdAsync(""));
        await Assert.ThrowsAsync<ArgumentException>(() => user.ClickAdAsync("hi", adId: " "));
        var both = await Assert.ThrowsAsync<ArgumentException>(() => user.ClickAdAsync("hi", photoUrl: new Uri("https://a.example/p.jpg"), videoUrl: new Uri("https://a.example/v.mp4")));
        Assert.Contains("not both", both.Message);
        var relative = await Assert.ThrowsAsync<ArgumentException>(() => user.ReplyToStoryAsync("hi", linkStickerUrl: new Uri("/autumn", UriKind.Relative)));
        Assert.Equal("linkStickerUrl", relative.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => user.ReplyToStoryAsync("hi", storyId: ""));
        await Assert.ThrowsAsync<ArgumentException>(() => user.OpenLinkAsync("x", source: " "));
        await Assert.ThrowsAsync<ArgumentException>(() => user.OpenLinkAsync(""));
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => user.CommentAsync(new string('a', 2201)));
        Assert.Contains("2200", tooLong.Message);
        await user.CommentAsync(string.Concat(Enumerable.Repeat("😍", 2200))); // characters, not UTF-16 units
        await Assert.ThrowsAsync<ArgumentException>(() => user.CommentAsync("hi", parentCommentId: "\t"));
        await Assert.ThrowsAsync<ArgumentException>(() => user.WriteFromProductAsync("hi", productId: " "));
        await Assert.ThrowsAsync<ArgumentException>(() => user.WriteFromProductAsync(""));
        var live = emulator.StartLiveBroadcast();
        await Assert.ThrowsAsync<ArgumentNullException>(() => user.CommentOnLiveAsync(null!, "hi"));
        Assert.Contains("2200", (await Assert.ThrowsAsync<ArgumentException>(() => user.CommentOnLiveAsync(live, new string('a', 2201)))).Message);
        await Assert.ThrowsAsync<ArgumentException>(() => user.MentionInCommentAsync(""));
        await Assert.ThrowsAsync<ArgumentException>(() => user.MentionInCaptionAsync(" "));
        Assert.Throws<ArgumentException>(() => emulator.StartLiveBroadcast(" "));
        Assert.Single(receiver.Received);
    }

    // The business sends through the emulator's Send API and gets the HTTP status back (a refusal is not a failure here).
    private static async Task<(int Status, int Code, int Subcode)> BusinessSendErrorAsync(GraphApiEmulator emulator, string json)
    {
        using var http = emulator.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://graph.facebook.com/v25.0/me/messages")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GraphApiEmulator.DefaultAccessToken);
        using var response = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        return ((int)response.StatusCode, error.GetProperty("code").GetInt32(), error.GetProperty("error_subcode").GetInt32());
    }

    private static async Task<int> BusinessSendStatusAsync(GraphApiEmulator emulator, string json)
    {
        using var http = emulator.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://graph.facebook.com/v25.0/me/messages")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GraphApiEmulator.DefaultAccessToken);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    // The raw text of the first messaging item's `message` object in a POST, as sent (escapes kept).
    private static string MessageText(ReceivedWebhook post)
    {
        var text = post.Text;
        var start = text.IndexOf("\"message\":", StringComparison.Ordinal) + 10;
        return text[start..text.LastIndexOf("}]}]}", StringComparison.Ordinal)];
    }

    // The raw text of the n-th accepted item's event object, as sent (escapes kept).
    private static string Raw(FakeWebhookReceiver receiver, int index, string key)
    {
        var text = receiver.Accepted[index].Text;
        var start = text.IndexOf("\"" + key + "\":", StringComparison.Ordinal) + key.Length + 3;
        return text[start..text.IndexOf('}', start)] + "}";
    }

    // A clock that runs an action the first time it is read after the action is set (then reads as a fixed time).
    private sealed class ClockWithHook(DateTimeOffset now) : TimeProvider
    {
        private Action? _once;

        public Action? Once
        {
            get => _once;
            set => _once = value;
        }

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Exchange(ref _once, null)?.Invoke();
            return now;
        }
    }
}
