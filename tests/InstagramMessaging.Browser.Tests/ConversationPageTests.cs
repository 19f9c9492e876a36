using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Deque.AxeCore.Playwright;
using InstagramMessaging.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace InstagramMessaging.Browser.Tests;

// End to end in headless Chromium: the page draws what the app sent as Instagram shows it, the customer acts from
// the page and the app's answers appear live, failures show, deliveries can be resent, and the clock closes the window.
[Collection(BrowserCollection.Name)]
public sealed class ConversationPageTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Text_links_images_carousels_media_cards_shares_and_hearts_render()
    {
        await using var session = await PageSession.OpenAsync(browser);
        var app = session.App;
        await app.SendOkAsync(session.Json("""
            "message":{"text":"Hi! Your order #1042 ships today. Track it at https://shop.example/track/1042"}
            """));
        await app.SendOkAsync(session.Json($$$$"""
            "message":{"attachment":{"type":"image","payload":{"url":"{{{{app.Image("parcel", "#6b2cf5")}}}}"}}}
            """));
        await app.SendOkAsync(session.Json($$$$"""
            "message":{"attachments":[{"type":"image","payload":{"url":"{{{{app.Image("a", "#c13584")}}}}"}},{"type":"image","payload":{"url":"{{{{app.Image("b", "#fd1d1d")}}}}"}},{"type":"image","payload":{"url":"{{{{app.Image("c", "#405de6")}}}}"}}]}
            """));
        await app.SendOkAsync(session.Json("""
            "message":{"attachment":{"type":"audio","payload":{"url":"https://cdn.example/voice-note.m4a"}}}
            """));
        await app.SendOkAsync(session.Json("""
            "message":{"attachment":{"type":"video","payload":{"url":"https://cdn.example/unboxing.mp4"}}}
            """));
        await app.SendOkAsync(session.Json("""
            "message":{"attachment":{"type":"file","payload":{"url":"https://cdn.example/invoice-1042.pdf"}}}
            """));
        await app.SendOkAsync(session.Json("""
            "message":{"attachment":{"type":"MEDIA_SHARE","payload":{"id":"17900000000000001"}}}
            """));
        await app.SendOkAsync(session.Json("""
            "message":{"attachment":{"type":"like_heart"}}
            """));

        var page = session.Page;
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "https://shop.example/track/1042" })).ToBeVisibleAsync();
        await Expect(session.Bubbles("image").GetByRole(AriaRole.Img)).ToHaveAttributeAsync("alt", "Image parcel.png");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Carousel of 3 images" }).GetByRole(AriaRole.Img)).ToHaveCountAsync(3);
        await Expect(session.Bubbles("audio")).ToContainTextAsync("voice-note.m4a");
        await Expect(session.Bubbles("video")).ToContainTextAsync("unboxing.mp4");
        await Expect(session.Bubbles("file")).ToContainTextAsync("invoice-1042.pdf");
        await Expect(session.Bubbles("media_share")).ToContainTextAsync("Shared post");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Heart" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Business message", Exact = true })).ToHaveCountAsync(8);
        await session.AssertSamePageAsync();
    }

    [BrowserFact]
    public async Task Templates_render_with_their_buttons_and_chips_sit_under_the_last_message()
    {
        await using var session = await PageSession.OpenAsync(browser);
        var app = session.App;
        await app.SendOkAsync(session.Json($$$$"""
            "message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[
              {"title":"Linen shirt","subtitle":"€49 · 3 colours","image_url":"{{{{app.Image("shirt", "#833ab4")}}}}","buttons":[{"type":"postback","title":"Buy","payload":"BUY_SHIRT"},{"type":"web_url","title":"View","url":"https://shop.example/shirt"}]},
              {"title":"Canvas tote","subtitle":"€19","buttons":[{"type":"postback","title":"Buy tote","payload":"BUY_TOTE"}]}]}}}
            """));
        await app.SendOkAsync(session.Json("""
            "message":{"attachment":{"type":"template","payload":{"template_type":"button","text":"Need help with your order?","buttons":[{"type":"postback","title":"Track my order","payload":"TRACK"}]}}}
            """));
        await app.SendOkAsync(session.Json("""
            "message":{"attachment":{"type":"template","payload":{"template_type":"product","elements":[{"id":"5720000000000001"},{"id":"5720000000000002"}]}}}
            """));
        await app.SendOkAsync(session.Json("""
            "message":{"text":"Which size?","quick_replies":[{"content_type":"text","title":"S","payload":"SIZE_S"},{"content_type":"text","title":"M","payload":"SIZE_M"}]}
            """));

        var page = session.Page;
        var generic = page.GetByRole(AriaRole.Group, new() { Name = "Generic template" });
        await Expect(generic).ToContainTextAsync("Linen shirt");
        await Expect(generic).ToContainTextAsync("€49 · 3 colours");
        await Expect(generic.GetByRole(AriaRole.Button, new() { Name = "Buy", Exact = true })).ToBeVisibleAsync();
        await Expect(generic.GetByRole(AriaRole.Link, new() { Name = "View" })).ToHaveAttributeAsync("href", "https://shop.example/shirt");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Button template" }).GetByRole(AriaRole.Button, new() { Name = "Track my order" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Products" })).ToContainTextAsync("Product 5720000000000002");
        var chips = page.GetByRole(AriaRole.Group, new() { Name = "Quick replies" });
        await Expect(chips.GetByRole(AriaRole.Button)).ToHaveTextAsync(new[] { "S", "M" });

        // Chips belong to the last message only: a newer message takes them away.
        await app.SendOkAsync(session.Json("""
            "message":{"text":"Or tell me in your own words."}
            """));
        await Expect(chips).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task Replies_reactions_typing_and_seen_render_on_the_bubbles()
    {
        await using var session = await PageSession.OpenAsync(browser);
        var customer = session.Emulator.User(session.Customer);
        var question = await customer.SendTextAsync("Is the linen shirt still in stock?");
        var answer = await session.App.SendOkAsync(session.Json($$$$"""
            "message":{"text":"Yes, in every size!"},"reply_to":{"mid":"{{{{question.MessageId}}}}"}
            """));
        await session.App.SendOkAsync(session.Json($$$$"""
            "sender_action":"react","payload":{"message_id":"{{{{question.MessageId}}}}","reaction":"love"}
            """));
        await customer.ReactAsync(answer, "like");
        await customer.ReadAsync(answer);
        await session.App.SendOkAsync(session.Json("""
            "sender_action":"typing_on"
            """));

        var page = session.Page;
        var reply = page.GetByRole(AriaRole.Article, new() { Name = "Business message", Exact = true });
        await Expect(reply.Locator(".quote")).ToContainTextAsync("Is the linen shirt still in stock?");
        await Expect(reply.GetByRole(AriaRole.Img, new() { Name = "Reactions 👍" })).ToBeVisibleAsync();
        await Expect(reply).ToContainTextAsync("Seen");
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Customer message", Exact = true }).GetByRole(AriaRole.Img, new() { Name = "Reactions ❤️" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status, new() { Name = "Business is typing" })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task Tapping_a_chip_reaches_the_apps_handler_and_its_answer_appears_live()
    {
        await using var session = await PageSession.OpenAsync(browser);
        session.App.AnswerPayload("SIZE_M", "Size M it is! Your order is confirmed.");
        await session.App.SendOkAsync(session.Json("""
            "message":{"text":"Which size?","quick_replies":[{"content_type":"text","title":"S","payload":"SIZE_S"},{"content_type":"text","title":"M","payload":"SIZE_M"}]}
            """));
        var page = session.Page;

        await page.GetByRole(AriaRole.Group, new() { Name = "Quick replies" }).GetByRole(AriaRole.Button, new() { Name = "M", Exact = true }).ClickAsync();

        var tap = await session.App.WaitForEventAsync(e => e.TryGetProperty("message", out var m) && m.TryGetProperty("quick_reply", out _));
        Assert.Equal("SIZE_M", tap.GetProperty("message").GetProperty("quick_reply").GetProperty("payload").GetString());
        Assert.Equal(session.Customer, tap.GetProperty("sender").GetProperty("id").GetString());
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Customer message", Exact = true })).ToContainTextAsync("M");
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Business message", Exact = true }).Last).ToContainTextAsync("Size M it is! Your order is confirmed.");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Quick replies" })).ToHaveCountAsync(0);
        await session.AssertSamePageAsync();
    }

    [BrowserFact]
    public async Task Pressing_a_postback_button_reaches_the_app_and_its_answer_appears_live()
    {
        await using var session = await PageSession.OpenAsync(browser);
        session.App.AnswerPayload("TRACK", "Your parcel is with the courier and arrives tomorrow.");
        await session.App.SendOkAsync(session.Json("""
            "message":{"attachment":{"type":"template","payload":{"template_type":"button","text":"Need help with your order?","buttons":[{"type":"postback","title":"Track my order","payload":"TRACK"}]}}}
            """));
        var page = session.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Track my order" }).ClickAsync();

        var postback = await session.App.WaitForEventAsync(e => e.TryGetProperty("postback", out _));
        Assert.Equal("TRACK", postback.GetProperty("postback").GetProperty("payload").GetString());
        await Expect(session.Bubbles("postback")).ToContainTextAsync("Track my order");
        await Expect(page.GetByRole(AriaRole.Log).GetByText("Your parcel is with the courier and arrives tomorrow.")).ToBeVisibleAsync();
        await session.AssertSamePageAsync();
    }

    [BrowserFact]
    public async Task The_customer_types_replies_reacts_edits_and_unsends_from_the_page()
    {
        await using var session = await PageSession.OpenAsync(browser);
        var hello = await session.App.SendOkAsync(session.Json("""
            "message":{"text":"Hello! How can we help?"}
            """));
        var page = session.Page;
        var business = page.GetByRole(AriaRole.Article, new() { Name = "Business message", Exact = true });

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Where is my order?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var typed = await session.App.WaitForEventAsync(e => e.TryGetProperty("message", out var m) && m.TryGetProperty("text", out var t) && t.GetString() == "Where is my order?");

        await business.HoverAsync();
        await business.GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("It was #1042");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var reply = await session.App.WaitForEventAsync(e => e.TryGetProperty("message", out var m) && m.TryGetProperty("reply_to", out _));
        Assert.Equal(hello, reply.GetProperty("message").GetProperty("reply_to").GetProperty("mid").GetString());

        await business.HoverAsync();
        await business.GetByRole(AriaRole.Button, new() { Name = "React to message" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "React with love" }).ClickAsync();
        var reaction = await session.App.WaitForEventAsync(e => e.TryGetProperty("reaction", out _));
        Assert.Equal(hello, reaction.GetProperty("reaction").GetProperty("mid").GetString());
        await Expect(business.GetByRole(AriaRole.Img, new() { Name = "Reactions ❤️" })).ToBeVisibleAsync();

        var first = page.GetByRole(AriaRole.Article, new() { Name = "Customer message", Exact = true }).First;
        await first.HoverAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Where is my parcel?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var edit = await session.App.WaitForEventAsync(e => e.TryGetProperty("message_edit", out _));
        Assert.Equal("Where is my parcel?", edit.GetProperty("message_edit").GetProperty("text").GetString());
        await Expect(first).ToContainTextAsync("Where is my parcel?");
        await Expect(first).ToContainTextAsync("Edited");

        await first.HoverAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Unsend" }).ClickAsync();
        var deleted = await session.App.WaitForEventAsync(e => e.TryGetProperty("message", out var m) && m.TryGetProperty("is_deleted", out _));
        Assert.Equal(typed.GetProperty("message").GetProperty("mid").GetString(), deleted.GetProperty("message").GetProperty("mid").GetString());
        await Expect(session.Bubbles("deleted")).ToContainTextAsync("Unsent message");
        await session.AssertSamePageAsync();
    }

    [BrowserFact]
    public async Task The_customer_sends_an_image_by_url()
    {
        await using var session = await PageSession.OpenAsync(browser);
        var url = session.App.Image("receipt", "#405de6").ToString();
        var page = session.Page;

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Image URL" }).FillAsync(url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send image" }).ClickAsync();

        var image = await session.App.WaitForEventAsync(e => e.TryGetProperty("message", out var m) && m.TryGetProperty("attachments", out _));
        var attachment = image.GetProperty("message").GetProperty("attachments")[0];
        Assert.Equal("image", attachment.GetProperty("type").GetString());
        Assert.Equal(url, attachment.GetProperty("payload").GetProperty("url").GetString());
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Customer message", Exact = true }).GetByRole(AriaRole.Img)).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task A_refused_send_shows_metas_code_and_subcode_our_rule_id_and_a_token_in_the_url()
    {
        await using var session = await PageSession.OpenAsync(browser);
        var tooLong = new string('é', 501); // 1002 bytes of UTF-8
        var (status, _) = await session.App.SendAsync(session.Json($$$$"""
            "message":{"text":"{{{{tooLong}}}}"}
            """), tokenInUrl: true);
        Assert.Equal(400, status);

        var failed = session.Page.GetByRole(AriaRole.Article, new() { Name = "Business message, not sent" });
        await Expect(failed).ToContainTextAsync("Not sent");
        await Expect(failed.Locator(".error-code")).ToHaveTextAsync("code 100 · IGM001 · HTTP 400");
        await Expect(failed).ToContainTextAsync("bytes");
        await Expect(failed.GetByText("token in URL")).ToBeVisibleAsync();

        await session.App.SendAsync(session.Json("""
            "message":{"attachments":[{"type":"image","payload":{"url":"https://cdn.example/a.png"}},{"type":"video","payload":{"url":"https://cdn.example/b.mp4"}}]}
            """));
        await Expect(session.Page.GetByRole(AriaRole.Article, new() { Name = "Business message, not sent" }).Last.Locator(".error-code")).ToContainTextAsync("IGM007");
    }

    [BrowserFact]
    public async Task A_failed_delivery_can_be_resent_from_the_delivery_log()
    {
        await using var session = await PageSession.OpenAsync(browser);
        session.App.FailNext(1);
        var page = session.Page;
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Hello?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        var log = page.GetByRole(AriaRole.Table, new() { Name = "Webhook deliveries" });
        await Expect(log.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("500");
        Assert.Empty(session.App.Events);

        await log.GetByRole(AriaRole.Button, new() { Name = "Resend delivery 1" }).ClickAsync();

        await Expect(log.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("200");
        var delivered = await session.App.WaitForEventAsync(e => e.TryGetProperty("message", out _));
        Assert.Equal("Hello?", delivered.GetProperty("message").GetProperty("text").GetString());
        await session.AssertSamePageAsync();
    }

    [BrowserFact]
    public async Task Moving_the_clock_past_24_hours_closes_the_window()
    {
        await using var session = await PageSession.OpenAsync(browser);
        await session.Emulator.User(session.Customer).SendTextAsync("Hi there");
        var page = session.Page;
        await Expect(page.Locator("#window")).ToContainTextAsync("Window open");

        await page.GetByRole(AriaRole.Button, new() { Name = "+25 hours" }).ClickAsync();

        await Expect(page.Locator("#window")).ToHaveTextAsync("Window closed");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Window closed (this conversation)" })).ToBeCheckedAsync();
        var (status, _) = await session.App.SendAsync(session.Json("""
            "message":{"text":"Sorry for the wait!"}
            """));
        Assert.Equal(400, status);
        await Expect(session.Page.GetByRole(AriaRole.Article, new() { Name = "Business message, not sent" }).Locator(".error-code"))
            .ToHaveTextAsync("code 10 · subcode 2534022 · HTTP 400");
    }

    [BrowserFact]
    public async Task The_inspector_shows_the_request_the_answer_and_the_webhooks_a_bubble_caused()
    {
        await using var session = await PageSession.OpenAsync(browser);
        var mid = await session.App.SendOkAsync(session.Json("""
            "message":{"text":"Inspect me"}
            """));
        await session.Emulator.Webhooks.FlushAsync();
        var page = session.Page;
        var bubble = page.GetByRole(AriaRole.Article, new() { Name = "Business message", Exact = true });
        await Expect(bubble).ToContainTextAsync("Inspect me");

        await bubble.HoverAsync();
        await bubble.GetByRole(AriaRole.Button, new() { Name = "Inspect JSON" }).ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("\"text\": \"Inspect me\"");
        await Expect(dialog).ToContainTextAsync("Answer (HTTP 200)");
        await Expect(dialog).ToContainTextAsync("\"message_id\": \"" + mid + "\"");
        await Expect(dialog).ToContainTextAsync("Webhook deliveries it caused (1)");
        await Expect(dialog).ToContainTextAsync("\"is_echo\": true");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }

    [BrowserFact]
    public async Task A_wrong_signature_switch_makes_the_app_refuse_deliveries()
    {
        await using var session = await PageSession.OpenAsync(browser);
        var page = session.Page;
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Wrong signature" }).CheckAsync();
        for (var i = 0; i < 200 && session.Emulator.Webhooks.Faults.WrongSignatureRate != 1.0; i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(1.0, session.Emulator.Webhooks.Faults.WrongSignatureRate);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Signed badly");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Webhook deliveries" }).GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("401");
        Assert.Equal(1, session.App.Rejected);
        Assert.Empty(session.App.Events);
    }

    [BrowserFact]
    public async Task The_page_has_no_accessibility_violations_axe_finds()
    {
        await using var session = await PageSession.OpenAsync(browser);
        var customer = session.Emulator.User(session.Customer);
        var hello = await customer.SendTextAsync("Hello");
        var app = session.App;
        await app.SendOkAsync(session.Json($$$$"""
            "message":{"text":"Hi!"},"reply_to":{"mid":"{{{{hello.MessageId}}}}"}
            """));
        await app.SendOkAsync(session.Json($$$$"""
            "message":{"attachments":[{"type":"image","payload":{"url":"{{{{app.Image("a", "#c13584")}}}}"}},{"type":"image","payload":{"url":"{{{{app.Image("b", "#405de6")}}}}"}}]}
            """));
        await app.SendOkAsync(session.Json($$$$"""
            "message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[{"title":"Shirt","subtitle":"€49","image_url":"{{{{app.Image("s", "#833ab4")}}}}","buttons":[{"type":"postback","title":"Buy","payload":"BUY"},{"type":"web_url","title":"View","url":"https://shop.example/s"}]}]}}}
            """));
        await app.SendOkAsync(session.Json("""
            "message":{"attachment":{"type":"like_heart"}}
            """));
        var ask = await app.SendOkAsync(session.Json("""
            "message":{"text":"Which size?","quick_replies":[{"content_type":"text","title":"M","payload":"SIZE_M"}]}
            """));
        await customer.ReactAsync(ask, "love");
        await app.SendOkAsync(session.Json("""
            "sender_action":"typing_on"
            """));
        await session.App.SendAsync(session.Json("""
            "message":{"text":""}
            """));
        await Expect(session.Page.GetByRole(AriaRole.Article, new() { Name = "Business message, not sent" })).ToBeVisibleAsync();

        var results = await session.Page.RunAxe();

        Assert.True(results.Violations.Length == 0, string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})")));
    }

    [BrowserFact]
    public async Task Ads_links_story_replies_and_comments_show_where_the_customer_came_from()
    {
        await using var session = await PageSession.OpenAsync(browser);
        var customer = session.Emulator.User(session.Customer);
        await customer.ClickAdAsync("Hi, I saw your ad", adTitle: "Autumn sale -30%");
        await customer.OpenLinkAsync("qr_store_lisbon");
        await customer.ReplyToStoryAsync("How much is this?");
        await customer.CommentAsync("Love it!", "17921422172564586");

        var page = session.Page;
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Customer message", Exact = true }).Filter(new() { HasText = "Hi, I saw your ad" })).ToContainTextAsync("From ad Autumn sale -30%");
        await Expect(session.Bubbles("referral")).ToContainTextAsync("Opened an ig.me link · ref qr_store_lisbon");
        await Expect(page.GetByRole(AriaRole.Article).Filter(new() { HasText = "How much is this?" })).ToContainTextAsync("Replied to your story");
        await Expect(session.Bubbles("comment")).ToContainTextAsync("Comment on post 17921422172564586");
        await Expect(session.Bubbles("comment").GetByRole(AriaRole.Button, new() { Name = "React to message" })).ToHaveCountAsync(0);
        await session.AssertSamePageAsync();
    }

    [BrowserFact]
    public async Task The_more_menu_plays_ads_links_stories_and_comments_and_the_delivery_panel_hands_the_thread_over()
    {
        await using var session = await PageSession.OpenAsync(browser);
        var page = session.Page;
        var app = session.App;
        var outcome = page.Locator("#outcome");
        async Task<ILocator> MoreAsync(string action)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "More", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Group, new() { Name = "More customer actions" }).GetByRole(AriaRole.Button, new() { Name = action }).ClickAsync();
            return page.GetByRole(AriaRole.Group, new() { Name = action });
        }

        // An ig.me link into a new thread sends nothing; the first message carries its referral.
        var link = await MoreAsync("Open an ig.me link");
        await link.GetByLabel("Link ref (optional)").FillAsync("qr_store_lisbon");
        await link.GetByRole(AriaRole.Button, new() { Name = "Open the link" }).ClickAsync();
        await Expect(outcome).ToContainTextAsync("New thread: nothing is sent until the customer's first message");
        Assert.Empty(app.Events);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Hello!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var first = await app.WaitForEventAsync(e => e.TryGetProperty("message", out var m) && m.TryGetProperty("referral", out _));
        Assert.Equal("qr_store_lisbon", first.GetProperty("message").GetProperty("referral").GetProperty("ref").GetString());
        await Expect(page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Hello!" })).ToContainTextAsync("Opened an ig.me link · ref qr_store_lisbon");

        var ad = await MoreAsync("Arrive from an ad");
        await ad.GetByLabel("Message").FillAsync("Hi, I saw your ad");
        await ad.GetByLabel("Ad title (optional)").FillAsync("Autumn sale -30%");
        await ad.GetByRole(AriaRole.Button, new() { Name = "Send from the ad" }).ClickAsync();
        var fromAd = await app.WaitForEventAsync(e => e.TryGetProperty("message", out var m) && m.TryGetProperty("referral", out var r) && r.GetProperty("source").GetString() == "ADS");
        Assert.Equal("Autumn sale -30%", fromAd.GetProperty("message").GetProperty("referral").GetProperty("ads_context_data").GetProperty("ad_title").GetString());
        await Expect(outcome).ToHaveTextAsync("Sent from the ad: Delivered");
        await Expect(page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Hi, I saw your ad" })).ToContainTextAsync("From ad Autumn sale -30%");

        var story = await MoreAsync("Reply to a story");
        await story.GetByLabel("Story reply").FillAsync("How much is this?");
        await story.GetByLabel("Link sticker URL (optional)").FillAsync("https://shop.example.com/autumn");
        await story.GetByLabel("Link sticker URL (optional)").PressAsync("Enter");
        var storyReply = await app.WaitForEventAsync(e => e.TryGetProperty("message", out var m) && m.TryGetProperty("reply_to", out var r) && r.TryGetProperty("story", out _));
        Assert.Equal("https://shop.example.com/autumn", storyReply.GetProperty("message").GetProperty("reply_to").GetProperty("story").GetProperty("link_sticker_url").GetString());
        await Expect(page.GetByRole(AriaRole.Article).Filter(new() { HasText = "How much is this?" })).ToContainTextAsync("Replied to your story (link https://shop.example.com/autumn)");

        var comment = await MoreAsync("Comment on a post");
        await comment.GetByLabel("Comment", new() { Exact = true }).FillAsync("Love it!");
        await comment.GetByLabel("Post id").FillAsync("17921422172564586");
        await comment.GetByRole(AriaRole.Button, new() { Name = "Post the comment" }).ClickAsync();
        var top = (await app.WaitForChangeAsync(c => c.GetProperty("field").GetString() == "comments")).GetProperty("value");
        await Expect(session.Bubbles("comment")).ToContainTextAsync("Comment on post 17921422172564586");
        comment = await MoreAsync("Comment on a post");
        var axe = await page.RunAxe(); // the open form and the business controls included
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})")));
        await comment.GetByLabel("In reply to").SelectOptionAsync(new SelectOptionValue { Label = "“Love it!”" });
        await comment.GetByLabel("Comment", new() { Exact = true }).FillAsync("Which colours?");
        await comment.GetByRole(AriaRole.Button, new() { Name = "Post the comment" }).ClickAsync();
        var reply = (await app.WaitForChangeAsync(c => c.GetProperty("value").TryGetProperty("parent_id", out _))).GetProperty("value");
        Assert.Equal(top.GetProperty("id").GetString(), reply.GetProperty("parent_id").GetString());
        Assert.Equal("17921422172564586", reply.GetProperty("media").GetProperty("id").GetString());
        await Expect(session.Bubbles("comment").Last).ToContainTextAsync("Reply to a comment on post 17921422172564586");

        // The business hands the thread to the Page Inbox: the customer's next message reaches the app on standby.
        var business = page.GetByRole(AriaRole.Group, new() { Name = "Business side" });
        await business.GetByRole(AriaRole.Button, new() { Name = "Hand to inbox" }).ClickAsync();
        await Expect(page.Locator("#thread")).ToHaveTextAsync("Thread: Page Inbox · app on standby");
        var pass = await app.WaitForEventAsync(e => e.TryGetProperty("pass_thread_control", out _));
        Assert.Equal(EmulatorWebhooks.PageInboxAppId, pass.GetProperty("pass_thread_control").GetProperty("new_owner_app_id").GetString());
        await Expect(business.GetByRole(AriaRole.Button, new() { Name = "Hand to inbox" })).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Is anyone there?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await app.WaitForStandbyAsync(i => i.TryGetProperty("message", out var m) && m.GetProperty("text").GetString() == "Is anyone there?");
        Assert.DoesNotContain(app.Events, e => e.TryGetProperty("message", out var m) && m.TryGetProperty("text", out var t) && t.GetString() == "Is anyone there?");

        await business.GetByRole(AriaRole.Button, new() { Name = "Take it back" }).ClickAsync();
        await Expect(page.Locator("#thread")).ToHaveTextAsync("Thread: this app");
        var take = await app.WaitForEventAsync(e => e.TryGetProperty("take_thread_control", out _));
        Assert.Equal(session.Emulator.Webhooks.AppId, take.GetProperty("take_thread_control").GetProperty("new_owner_app_id").GetString());
        await business.GetByRole(AriaRole.Button, new() { Name = "Test (Facebook Login)" }).ClickAsync();
        await Expect(business.Locator("#business-outcome")).ToContainTextAsync("Test (Facebook Login): HTTP 200");
        await app.WaitForEventAsync(e => e.GetProperty("sender").GetProperty("id").GetString() == "12334");
        await session.AssertSamePageAsync();
    }

    // Also makes the README's screenshot: INSTAGRAM_EMULATOR_SCREENSHOT=docs/images/conversation-page.png (see README).
    [BrowserFact]
    public async Task A_whole_conversation_reads_as_instagram_shows_it()
    {
        await using var session = await PageSession.OpenAsync(browser);
        var app = session.App;
        app.AnswerPayload("SIZE_M", "Size M it is! Your order #1042 is confirmed. 🎉");
        var customer = session.Emulator.User(session.Customer);
        var hi = await customer.SendTextAsync("Hi! Do you have the linen shirt in blue?");
        await app.SendOkAsync(session.Json($$$$"""
            "message":{"text":"We do! 💙"},"reply_to":{"mid":"{{{{hi.MessageId}}}}"}
            """));
        await app.SendOkAsync(session.Json($$$$"""
            "message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[
              {"title":"Linen shirt · blue","subtitle":"€49 · free returns","image_url":"{{{{app.Image("shirt", "#405de6")}}}}","buttons":[{"type":"postback","title":"Buy","payload":"BUY_SHIRT"},{"type":"web_url","title":"Details","url":"https://shop.example/shirt"}]},
              {"title":"Linen shirt · sand","subtitle":"€49","image_url":"{{{{app.Image("sand", "#fcaf45")}}}}","buttons":[{"type":"postback","title":"Buy","payload":"BUY_SAND"}]}]}}}
            """));
        var ask = await app.SendOkAsync(session.Json("""
            "message":{"text":"Which size?","quick_replies":[{"content_type":"text","title":"S","payload":"SIZE_S"},{"content_type":"text","title":"M","payload":"SIZE_M"},{"content_type":"text","title":"L","payload":"SIZE_L"}]}
            """));
        await customer.ReactAsync(ask, "love");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "M", Exact = true }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Log).GetByText("Size M it is!")).ToBeVisibleAsync();
        await session.App.SendAsync(session.Json("""
            "message":{"text":"Here is your receipt: https://shop.example/r/1042 (this one breaks a rule: it mixes text and an attachment)","attachment":{"type":"file","payload":{"url":"https://shop.example/r/1042.pdf"}}}
            """));
        await Expect(session.Page.GetByRole(AriaRole.Article, new() { Name = "Business message, not sent" })).ToContainTextAsync("IGM006");
        await Expect(session.Page.GetByRole(AriaRole.Article)).ToHaveCountAsync(7);

        if (Environment.GetEnvironmentVariable("INSTAGRAM_EMULATOR_SCREENSHOT") is { Length: > 0 } path)
        {
            await session.Page.SetViewportSizeAsync(1360, 1240);
            await session.Page.Mouse.MoveAsync(1, 1); // no hover toolbar in the picture
            await session.Page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete)");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        }
    }
}
