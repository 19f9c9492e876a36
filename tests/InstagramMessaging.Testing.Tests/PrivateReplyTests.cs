using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static InstagramMessaging.Testing.Tests.RawGraphRequests;

namespace InstagramMessaging.Testing.Tests;

// Private replies (send spec 3.8) to comments the simulated customer made: answered with the commenter's IGSID, one
// per comment, within 7 days, filed in the commenter's conversation, opening no window; and the lenient path for
// comment ids the emulator never made.
public class PrivateReplyTests
{
    private const string Customer = "7241980365028173";
    private const string NotValid = "(#100) The comment is not valid for a private reply: ";

    [Fact]
    public async Task A_private_reply_is_answered_with_the_commenters_igsid_and_joins_their_conversation()
    {
        var emulator = new GraphApiEmulator();
        var comment = await emulator.User(Customer).CommentAsync("Love it! Price?", "17921422172564586");

        var (status, body) = await PostAsync(emulator, Reply(comment.MessageId, "Thanks! It is 49 EUR."));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new[] { "recipient_id", "message_id" }, body.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(Customer, body.GetProperty("recipient_id").GetString());
        var delivered = Assert.Single(emulator.Conversation(Customer));
        Assert.Equal((body.GetProperty("message_id").GetString(), Customer, "Thanks! It is 49 EUR."), (delivered.MessageId, delivered.RecipientId, delivered.Text));
        Assert.Empty(emulator.Conversation(comment.MessageId));
    }

    [Fact]
    public async Task A_comment_takes_one_private_reply_and_a_refused_attempt_does_not_use_it()
    {
        var emulator = new GraphApiEmulator();
        var comment = await emulator.User(Customer).CommentAsync("Do you ship to Portugal?");

        var (mixed, mixedBody) = await PostAsync(emulator, $$$"""{"recipient":{"comment_id":"{{{comment.MessageId}}}"},"message":{"text":"x","attachment":{"type":"image","payload":{"url":"https://a.example/1.jpg"} } } }""");
        var (first, _) = await PostAsync(emulator, Reply(comment.MessageId, "Yes, in 2-3 days."));
        var (second, secondBody) = await PostAsync(emulator, Reply(comment.MessageId, "And shipping is free!"));

        Assert.Equal((HttpStatusCode.BadRequest, (100, (int?)2534015)), (mixed, Error(mixedBody)));
        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.BadRequest, second);
        AssertNotValid(secondBody, "it already has its one private reply.");
        Assert.Equal("Yes, in 2-3 days.", Assert.Single(emulator.Conversation(Customer)).Text);
    }

    [Fact]
    public async Task Concurrent_private_replies_to_one_comment_deliver_exactly_one()
    {
        var emulator = new GraphApiEmulator();
        var comment = await emulator.User(Customer).CommentAsync("Hello");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => PostAsync(emulator, Reply(comment.MessageId, "Reply " + i)))));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal((100, (int?)2534025), Error(a.Body)));
        Assert.Single(emulator.Conversation(Customer));
    }

    [Fact]
    public async Task A_comment_can_be_answered_privately_for_7_days_on_the_emulators_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T10:00:00Z"));
        var emulator = new GraphApiEmulator(timeProvider: clock);
        var customer = emulator.User(Customer);
        var early = await customer.CommentAsync("First!");
        var late = await customer.CommentAsync("Second");

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var (inTime, _) = await PostAsync(emulator, Reply(early.MessageId, "Thanks for the first comment"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var (tooLate, tooLateBody) = await PostAsync(emulator, Reply(late.MessageId, "Thanks, a week later"));

        Assert.Equal(HttpStatusCode.OK, inTime);
        Assert.Equal(HttpStatusCode.BadRequest, tooLate);
        AssertNotValid(tooLateBody, "it is more than 7 days old.");
        Assert.Single(emulator.Conversation(Customer));
    }

    [Fact]
    public async Task A_private_reply_opens_no_window_and_the_customers_answer_does()
    {
        var emulator = new GraphApiEmulator();
        var customer = emulator.User(Customer);
        var comment = await customer.CommentAsync("Price?");
        var (replied, replyBody) = await PostAsync(emulator, Reply(comment.MessageId, "49 EUR. Want a size guide?"));
        Assert.Equal(HttpStatusCode.OK, replied);

        var (before, beforeBody) = await PostAsync(emulator, Direct(Customer, "Here is the size guide"));
        var (tagged, taggedBody) = await PostAsync(emulator, "{\"recipient\":{\"id\":\"" + Customer + "\"},\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"HUMAN_AGENT\",\"message\":{\"text\":\"A person writes\"}}");
        await customer.ReplyToAsync(replyBody.GetProperty("message_id").GetString()!, "Yes please");
        var (after, _) = await PostAsync(emulator, Direct(Customer, "Here is the size guide"));

        Assert.Equal(HttpStatusCode.BadRequest, before);
        Assert.Equal((10, (int?)2534022), Error(beforeBody));
        Assert.Equal(HttpStatusCode.BadRequest, tagged); // HUMAN_AGENT reaches 7 days after a message, and there was none
        Assert.Equal((10, (int?)2534022), Error(taggedBody));
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task A_private_reply_neither_extends_nor_needs_the_window()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T10:00:00Z"));
        var emulator = new GraphApiEmulator(timeProvider: clock);
        var customer = emulator.User(Customer);
        await customer.SendTextAsync("Hi");
        clock.Advance(TimeSpan.FromHours(23));
        var comment = await customer.CommentAsync("Nice post");

        var (replied, _) = await PostAsync(emulator, Reply(comment.MessageId, "Thank you!"));
        clock.Advance(TimeSpan.FromHours(2));
        var (closed, closedBody) = await PostAsync(emulator, Direct(Customer, "Anything else?"));
        var later = await customer.CommentAsync("Still nice");
        var (outsideWindow, _) = await PostAsync(emulator, Reply(later.MessageId, "Thanks again!"));

        Assert.Equal(HttpStatusCode.OK, replied);
        Assert.Equal(HttpStatusCode.BadRequest, closed);
        Assert.Equal((10, (int?)2534022), Error(closedBody));
        Assert.Equal(HttpStatusCode.OK, outsideWindow);
    }

    [Fact]
    public async Task The_customer_sees_the_private_reply_reads_it_and_taps_its_quick_replies()
    {
        var emulator = new GraphApiEmulator();
        var customer = emulator.User(Customer);
        var comment = await customer.CommentAsync("Which sizes?");

        var (_, body) = await PostAsync(emulator, $$$"""{"recipient":{"comment_id":"{{{comment.MessageId}}}"},"message":{"text":"Which one do you wear?","quick_replies":[{"content_type":"text","title":"Medium","payload":"SIZE_M"}]}}""");
        var mid = body.GetProperty("message_id").GetString()!;

        Assert.Equal(new[] { "SIZE_M" }, customer.OfferedQuickReplies);
        await customer.ReadAsync(mid);
        await customer.TapQuickReplyAsync("SIZE_M");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(emulator, Direct(Customer, "Medium it is"))).Status);
    }

    [Fact]
    public async Task A_private_reply_starts_the_thread_an_ig_me_link_then_opens_into()
    {
        var emulator = new GraphApiEmulator();
        var customer = emulator.User(Customer);
        var comment = await customer.CommentAsync("Where is your shop?");
        await PostAsync(emulator, Reply(comment.MessageId, "In Lisbon! Tap the link in our bio."));

        var opening = await customer.OpenLinkAsync("bio_link");

        Assert.False(opening.IsNewThread);
        Assert.Equal("referral", opening.Event!.Kind);
    }

    [Fact]
    public async Task A_private_reply_is_echoed_like_any_send_to_the_commenters_igsid()
    {
        var (emulator, receiver) = await WebhookTestKit.StartAsync();
        await using var scope = receiver;
        var comment = await emulator.User(Customer).CommentAsync("Love it");

        var mid = await WebhookTestKit.BusinessSendsAsync(emulator, Reply(comment.MessageId, "Thank you!"));
        await emulator.Webhooks.FlushAsync();

        Assert.Equal("comments", Assert.Single(receiver.Accepted.SelectMany(p => p.Changes)).GetProperty("field").GetString());
        var echo = Assert.Single(receiver.Items);
        Assert.Equal(emulator.Webhooks.AccountId, echo.GetProperty("sender").GetProperty("id").GetString());
        Assert.Equal(Customer, echo.GetProperty("recipient").GetProperty("id").GetString());
        var message = echo.GetProperty("message");
        Assert.Equal((mid, "Thank you!", true), (message.GetProperty("mid").GetString(), message.GetProperty("text").GetString(), message.GetProperty("is_echo").GetBoolean()));
    }

    [Fact]
    public async Task A_send_to_a_commenters_instagram_user_id_is_refused_as_not_an_igsid()
    {
        var (emulator, receiver) = await WebhookTestKit.StartAsync();
        await using var scope = receiver;
        await emulator.User(Customer).SendTextAsync("Hi");
        var comment = await emulator.User(Customer).CommentAsync("Love it");
        using var change = JsonDocument.Parse(comment.Json);
        var igUserId = change.RootElement.GetProperty("value").GetProperty("from").GetProperty("id").GetString()!;

        var (status, body) = await PostAsync(emulator, Direct(igUserId, "Thanks for the comment!"));
        var (typing, typingBody) = await PostAsync(emulator, "{\"recipient\":{\"id\":\"" + igUserId + "\"},\"sender_action\":\"typing_on\"}");
        var (toIgsid, _) = await PostAsync(emulator, Direct(Customer, "Thanks for the comment!"));

        Assert.NotEqual(Customer, igUserId);
        Assert.Equal((HttpStatusCode.BadRequest, (100, (int?)2534014)), (status, Error(body)));
        Assert.Equal("(#100) No matching Instagram user (an IG user ID was used instead of an IGSID).", body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal((HttpStatusCode.BadRequest, (100, (int?)2534014)), (typing, Error(typingBody)));
        Assert.Equal(HttpStatusCode.OK, toIgsid);
        Assert.Equal("Thanks for the comment!", Assert.Single(emulator.Conversation(Customer)).Text);
        Assert.Empty(emulator.Conversation(igUserId));
    }

    [Fact]
    public async Task A_made_up_comment_id_is_answered_once_with_a_stable_new_igsid_whose_conversation_holds_the_reply()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T10:00:00Z"));
        var emulator = new GraphApiEmulator(timeProvider: clock);
        clock.Advance(TimeSpan.FromDays(30));

        var (broken, _) = await PostAsync(emulator, "{\"recipient\":{\"comment_id\":\"17900000000000001\"},\"message\":{}}");
        var (first, firstBody) = await PostAsync(emulator, Reply("17900000000000001", "Thanks for your comment!"));
        var (second, secondBody) = await PostAsync(emulator, Reply("17900000000000001", "Again"));
        var (other, otherBody) = await PostAsync(emulator, Reply("17900000000000002", "Another comment, another reply"));

        Assert.Equal(HttpStatusCode.BadRequest, broken);
        Assert.Equal(HttpStatusCode.OK, first);
        var igsid = firstBody.GetProperty("recipient_id").GetString()!;
        Assert.Matches("^[1-9][0-9]{14,16}$", igsid);
        Assert.NotEqual("17900000000000001", igsid);
        var delivered = Assert.Single(emulator.Conversation(igsid));
        Assert.Equal(("Thanks for your comment!", igsid), (delivered.Text, delivered.RecipientId));
        Assert.Empty(emulator.Conversation("17900000000000001"));
        Assert.Equal(HttpStatusCode.BadRequest, second);
        AssertNotValid(secondBody, "it already has its one private reply.");
        Assert.Equal(HttpStatusCode.OK, other);
        Assert.NotEqual(igsid, otherBody.GetProperty("recipient_id").GetString());
    }

    [Fact]
    public async Task The_page_shows_a_private_reply_and_its_refusal_in_the_commenters_conversation()
    {
        await using var server = await GraphApiEmulatorServer.StartAsync();
        using var api = new PageApiClient(server.BaseAddress);
        var comment = await server.Emulator.User(Customer).CommentAsync("Love it!", "17921422172564586");

        var (ok, answer) = await api.SendAsync(Reply(comment.MessageId, "Thanks! Sent you the price."));
        var (refused, _) = await api.SendAsync(Reply(comment.MessageId, "Again"));
        var (_, madeUp) = await api.SendAsync(Reply("17900000000000009", "To a comment the emulator never saw"));

        Assert.Equal((200, 400), (ok, refused));
        var bubbles = (await api.GetAsync("conversations/" + Customer))["bubbles"]!.AsArray();
        Assert.Equal(new[] { "customer", "business", "business" }, bubbles.Select(b => (string?)b!["side"]).ToArray());
        Assert.Equal(comment.MessageId, (string?)bubbles[0]!["commentId"]);
        var reply = bubbles[1]!;
        Assert.Equal((string?)answer["message_id"], (string?)reply["messageId"]);
        Assert.Equal(("Thanks! Sent you the price.", comment.MessageId, "Private reply to comment " + comment.MessageId), ((string?)reply["text"], (string?)reply["privateReplyTo"], (string?)reply["note"]));
        Assert.Null(reply["failed"]);
        Assert.Equal((100, 2534025), ((int)bubbles[2]!["failed"]!["code"]!, (int)bubbles[2]!["failed"]!["subcode"]!));
        Assert.Equal(comment.MessageId, (string?)bubbles[2]!["privateReplyTo"]);

        var ids = (await api.GetAsync("conversations")).AsArray().Select(c => (string?)c!["id"]).ToArray();
        Assert.Contains(Customer, ids);
        Assert.Contains((string?)madeUp["recipient_id"], ids);
        Assert.DoesNotContain(ids, id => id!.StartsWith("comment", StringComparison.Ordinal) || id == "17900000000000009");
        var other = Assert.Single((await api.GetAsync("conversations/" + (string?)madeUp["recipient_id"]))["bubbles"]!.AsArray());
        Assert.Equal(("business", "Private reply to comment 17900000000000009"), ((string?)other!["side"], (string?)other["note"]));
    }

    [Fact]
    public async Task A_live_comment_takes_its_private_reply_only_while_the_broadcast_runs()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T10:00:00Z"));
        var emulator = new GraphApiEmulator(timeProvider: clock);
        var customer = emulator.User(Customer);
        var other = emulator.User("17245501234567890");
        var live = emulator.StartLiveBroadcast();
        var early = await customer.CommentOnLiveAsync(live, "Olá!");
        var late = await other.CommentOnLiveAsync(live, "Price of the blue one?");

        clock.Advance(TimeSpan.FromMinutes(40));
        var (during, duringBody) = await PostAsync(emulator, Reply(early.MessageId, "Thanks for watching!"));
        live.End();
        var (after, afterBody) = await PostAsync(emulator, Reply(late.MessageId, "It is 49 EUR."));

        Assert.Equal(HttpStatusCode.OK, during);
        Assert.Equal(Customer, duringBody.GetProperty("recipient_id").GetString());
        Assert.Equal("Thanks for watching!", Assert.Single(emulator.Conversation(Customer)).Text);
        Assert.Equal(HttpStatusCode.BadRequest, after);
        AssertNotValid(afterBody, "its live broadcast has ended.");
        Assert.Empty(emulator.Conversation("17245501234567890"));
    }

    [Fact]
    public async Task Private_replies_to_post_comments_are_throttled_at_750_an_hour_apart_from_sends_and_only_when_enforced()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T10:00:00Z"));
        var emulator = new GraphApiEmulator(timeProvider: clock) { EnforceRateLimits = true, TextCallsPerSecond = 1 };
        var customer = emulator.User(Customer);
        await customer.SendTextAsync("Hi");
        var comments = new string[751];
        for (var i = 0; i < comments.Length; i++)
        {
            comments[i] = (await customer.CommentAsync("Comment " + i)).MessageId;
        }

        var answered = 0;
        for (var i = 0; i < 750; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(4)); // 750 replies spread over 50 minutes: all in one sliding hour
            answered += (await PostAsync(emulator, Reply(comments[i], "Thanks " + i))).Status == HttpStatusCode.OK ? 1 : 0;
        }

        var (over, overBody) = await PostAsync(emulator, Reply(comments[750], "One too many"));
        var (direct, _) = await PostAsync(emulator, Direct(Customer, "A send has its own budget"));
        var (textOver, textOverBody) = await PostAsync(emulator, Direct(Customer, "Two sends in one second"));

        Assert.Equal(750, answered);
        Assert.Equal(HttpStatusCode.BadRequest, over);
        Assert.Equal(HttpStatusCode.OK, direct);
        Assert.Equal(HttpStatusCode.BadRequest, textOver);
        AssertSameThrottling(textOverBody, overBody);
        Assert.Equal(2, emulator.ThrottledCalls);

        // The hour slides on: the first replies leave the window, and the refused comment still has its one reply.
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(emulator, Reply(comments[750], "Sorry for the wait"))).Status);

        // Off (the default), nothing is throttled.
        var relaxed = new GraphApiEmulator(timeProvider: clock) { PrivateRepliesPerHour = 1 };
        var first = await relaxed.User(Customer).CommentAsync("a");
        var second = await relaxed.User(Customer).CommentAsync("b");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(relaxed, Reply(first.MessageId, "1"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(relaxed, Reply(second.MessageId, "2"))).Status);
        Assert.Equal(0, relaxed.ThrottledCalls);
    }

    [Fact]
    public async Task Private_replies_to_live_comments_are_throttled_at_100_a_second_apart_from_post_comments()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T10:00:00Z"));
        var emulator = new GraphApiEmulator(timeProvider: clock) { EnforceRateLimits = true };
        var live = emulator.StartLiveBroadcast();
        var liveComments = new string[102];
        for (var i = 0; i < liveComments.Length; i++)
        {
            liveComments[i] = (await emulator.User("1724550123456" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).CommentOnLiveAsync(live, "Hi " + i)).MessageId;
        }

        var post = await emulator.User(Customer).CommentAsync("On the post");

        var statuses = new HttpStatusCode[101];
        for (var i = 0; i < statuses.Length; i++)
        {
            statuses[i] = (await PostAsync(emulator, Reply(liveComments[i], "Thanks " + i))).Status; // the clock stands still: one second
        }

        var (postReply, _) = await PostAsync(emulator, Reply(post.MessageId, "A post comment has its own budget"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var (nextSecond, _) = await PostAsync(emulator, Reply(liveComments[100], "Next second"));

        Assert.Equal(100, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.BadRequest, statuses[100]);
        Assert.Equal(HttpStatusCode.OK, postReply);
        Assert.Equal(HttpStatusCode.OK, nextSecond);
        Assert.Equal(1, emulator.ThrottledCalls);
        emulator.LivePrivateRepliesPerSecond = 1;
        emulator.RateLimitTolerance = 0;
        var (tight, tightBody) = await PostAsync(emulator, Reply(liveComments[101], "Over the lowered rate"));
        Assert.Equal(HttpStatusCode.BadRequest, tight);
        Assert.Equal((613, (int?)2534040), Error(tightBody));
    }

    [Fact]
    public void The_private_reply_budgets_must_be_positive()
    {
        var emulator = new GraphApiEmulator();

        var hour = Assert.Throws<ArgumentOutOfRangeException>(() => emulator.PrivateRepliesPerHour = 0);
        var second = Assert.Throws<ArgumentOutOfRangeException>(() => emulator.LivePrivateRepliesPerSecond = -1);
        emulator.PrivateRepliesPerHour = 1;
        emulator.LivePrivateRepliesPerSecond = 5;

        Assert.Equal(("value", (object?)0), (hour.ParamName, hour.ActualValue));
        Assert.StartsWith("The private replies per hour must be positive.", hour.Message, StringComparison.Ordinal);
        Assert.StartsWith("The live private replies per second must be positive.", second.Message, StringComparison.Ordinal);
        Assert.Equal((1, 5), (emulator.PrivateRepliesPerHour, emulator.LivePrivateRepliesPerSecond));
    }

    [Fact]
    public async Task Comments_that_can_take_no_reply_are_forgotten_and_the_rest_are_bounded()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T10:00:00Z"));
        var emulator = new GraphApiEmulator(timeProvider: clock);
        var customer = emulator.User(Customer);
        var live = emulator.StartLiveBroadcast();
        var onLive = await customer.CommentOnLiveAsync(live, "Olá!");
        var old = await customer.CommentAsync("A week ago");
        live.End();
        clock.Advance(TimeSpan.FromDays(7));
        var recent = await customer.CommentAsync("Today");
        for (var i = 0; i < GraphApiEmulator.MaxRememberedComments + 2_500; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            emulator.OnComment("17" + i.ToString("D15", System.Globalization.CultureInfo.InvariantCulture), Customer, clock.GetUtcNow());
        }

        Assert.InRange(emulator.RememberedComments, 1, GraphApiEmulator.MaxRememberedComments);
        Assert.False(emulator.Owns(live)); // the ended broadcast is forgotten too
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => customer.CommentOnLiveAsync(live, "Still there?"));
        Assert.Contains("has ended", ex.Message, StringComparison.Ordinal);

        // The newest comments still take their reply; the oldest (the "recent" one among them) were let go first.
        var newest = "17" + (GraphApiEmulator.MaxRememberedComments + 2_499).ToString("D15", System.Globalization.CultureInfo.InvariantCulture);
        var (status, body) = await PostAsync(emulator, Reply(newest, "Thanks!"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Customer, body.GetProperty("recipient_id").GetString());
        foreach (var forgotten in new[] { onLive.MessageId, old.MessageId, recent.MessageId })
        {
            var (_, answer) = await PostAsync(emulator, Reply(forgotten, "Late"));
            Assert.NotEqual(Customer, answer.GetProperty("recipient_id").GetString()); // now unknown: a made-up comment's answer
        }
    }

    // A throttled private reply is answered exactly as a throttled send (bar the trace id).
    private static void AssertSameThrottling(JsonElement send, JsonElement reply)
    {
        Assert.Equal((613, (int?)2534040), Error(reply));
        var names = send.GetProperty("error").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(names, reply.GetProperty("error").EnumerateObject().Select(p => p.Name).ToArray());
        foreach (var name in names.Where(n => n != "fbtrace_id"))
        {
            Assert.Equal(send.GetProperty("error").GetProperty(name).GetRawText(), reply.GetProperty("error").GetProperty(name).GetRawText());
        }
    }

    private static string Reply(string commentId, string text) => "{\"recipient\":{\"comment_id\":\"" + commentId + "\"},\"message\":{\"text\":\"" + text + "\"}}";

    private static string Direct(string igsid, string text) => "{\"recipient\":{\"id\":\"" + igsid + "\"},\"message\":{\"text\":\"" + text + "\"}}";

    private static void AssertNotValid(JsonElement body, string reason)
    {
        Assert.Equal((100, (int?)2534025), Error(body));
        var error = body.GetProperty("error");
        Assert.Equal(NotValid + reason, error.GetProperty("message").GetString());
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
    }
}
