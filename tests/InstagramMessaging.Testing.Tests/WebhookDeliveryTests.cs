using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static InstagramMessaging.Testing.Tests.WebhookTestKit;

namespace InstagramMessaging.Testing.Tests;

// The delivery engine: echoes, retries with the attempt record, timeouts, and each fault with a fixed seed.
public class WebhookDeliveryTests
{
    private const string Customer = "7241980365028173";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Both_transports_deliver_a_conversation_the_customer_writes_the_business_answers_and_its_echo_follows(bool overHttp)
    {
        var (emulator, receiver) = await StartAsync(overHttp: overHttp);
        await using var scope = receiver;

        var question = await emulator.User(Customer).SendTextAsync("Do you ship to Lisbon?");
        var answerId = await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"text":"Yes, in 2-3 days 🚚"},"reply_to":{"mid":"{{question.MessageId}}"} }""");
        await emulator.Webhooks.FlushAsync();

        Assert.Equal(overHttp ? receiver.Url!.ToString() : "http://app.test/webhooks/instagram", emulator.Webhooks.Attempts[0].Target);
        Assert.Equal(2, receiver.Accepted.Count);
        var echo = receiver.Items[1];
        Assert.Equal(emulator.Webhooks.AccountId, echo.GetProperty("sender").GetProperty("id").GetString());
        Assert.Equal(Customer, echo.GetProperty("recipient").GetProperty("id").GetString());
        var message = echo.GetProperty("message");
        Assert.Equal(answerId, message.GetProperty("mid").GetString());
        Assert.Equal("Yes, in 2-3 days 🚚", message.GetProperty("text").GetString());
        Assert.Equal(question.MessageId, message.GetProperty("reply_to").GetProperty("mid").GetString());
        Assert.True(message.GetProperty("is_echo").GetBoolean());
        Assert.Contains(@"\ud83d\ude9a", receiver.Accepted[1].Text);
    }

    [Fact]
    public async Task Echoes_of_media_show_a_CDN_url_and_can_be_turned_off_and_private_replies_are_echoed_too()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;

        var photo = await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"attachment":{"type":"image","payload":{"url":"https://shop.example.com/jacket.jpg"} } } }""");
        var privateReply = await BusinessSendsAsync(emulator, """{"recipient":{"comment_id":"17981481173635630"},"message":{"text":"Thanks for your comment!"}}""");
        await emulator.Webhooks.FlushAsync();
        emulator.Webhooks.DeliverEchoes = false;
        await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"text":"no echo"} }""");
        await emulator.Webhooks.FlushAsync();

        // Two conversations (the customer's, the commenter's): their echoes may arrive in either order.
        Assert.Equal(2, receiver.Items.Count);
        var echo = receiver.Items.Single(i => i.GetProperty("message").GetProperty("mid").GetString() == photo).GetProperty("message");
        var replyEcho = receiver.Items.Single(i => i.GetProperty("message").GetProperty("mid").GetString() == privateReply);
        Assert.Equal((privateReply, "Thanks for your comment!"), (replyEcho.GetProperty("message").GetProperty("mid").GetString(), replyEcho.GetProperty("message").GetProperty("text").GetString()));
        Assert.Equal(emulator.Conversation(replyEcho.GetProperty("recipient").GetProperty("id").GetString()!).Single().MessageId, privateReply);
        Assert.Equal(photo, echo.GetProperty("mid").GetString());
        var attachment = echo.GetProperty("attachments")[0];
        Assert.Equal("image", attachment.GetProperty("type").GetString());
        Assert.StartsWith("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=", attachment.GetProperty("payload").GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_500_is_retried_with_the_same_body_and_every_attempt_is_recorded()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        receiver.Answer(500, 503);

        var sent = await emulator.User(Customer).SendTextAsync("hello");

        Assert.Equal(WebhookDeliveryOutcome.Delivered, await sent.Delivery);
        var attempts = emulator.Webhooks.Attempts;
        Assert.Equal(new int?[] { 500, 503, 200 }, attempts.Select(a => a.StatusCode).ToArray());
        Assert.Equal(new[] { 1, 2, 3 }, attempts.Select(a => a.AttemptNumber).ToArray());
        Assert.Single(attempts.Select(a => a.DeliveryNumber).Distinct());
        Assert.Single(attempts.Select(a => a.Body).Distinct());
        Assert.Equal(new[] { false, false, true }, attempts.Select(a => a.Succeeded).ToArray());
        Assert.All(attempts, a => Assert.Null(a.Error));
        Assert.All(attempts, a => Assert.Equal(1, a.EventCount));
        Assert.All(attempts, a => Assert.StartsWith("sha256=", a.Headers["X-Hub-Signature-256"]));
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_retried()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.Timeout = TimeSpan.FromMilliseconds(300);
        receiver.AnswerLate(TimeSpan.FromSeconds(3));

        var sent = await emulator.User(Customer).SendTextAsync("hello");

        Assert.Equal(WebhookDeliveryOutcome.Delivered, await sent.Delivery);
        var attempts = emulator.Webhooks.Attempts;
        Assert.Equal(2, attempts.Count);
        Assert.Null(attempts[0].StatusCode);
        Assert.Contains("No answer within 300 ms", attempts[0].Error);
        Assert.InRange(attempts[0].Latency, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2.5));
        Assert.Equal(200, attempts[1].StatusCode);
    }

    [Fact]
    public async Task After_the_last_retry_the_emulator_gives_up_and_says_so()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        receiver.Answer(500, 500, 500, 500);
        emulator.Webhooks.RetryDelays = new[] { TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20) };

        var sent = await emulator.User(Customer).SendTextAsync("hello");

        Assert.Equal(WebhookDeliveryOutcome.GaveUp, await sent.Delivery);
        Assert.Equal(3, emulator.Webhooks.Attempts.Count);
        Assert.True(emulator.Webhooks.Attempts[2].StartedAt >= emulator.Webhooks.Attempts[1].StartedAt + TimeSpan.FromMilliseconds(15)); // timers tick in whole milliseconds
    }

    [Fact]
    public async Task A_connection_refused_is_recorded_as_an_error()
    {
        var emulator = new GraphApiEmulator();
        var (_, receiver) = await StartAsync(emulator);
        var url = receiver.Url!;
        await receiver.DisposeAsync();
        emulator.Webhooks.RetryDelays = Array.Empty<TimeSpan>();

        var sent = await emulator.User(Customer).SendTextAsync("anyone?");

        Assert.Equal(WebhookDeliveryOutcome.GaveUp, await sent.Delivery);
        var attempt = Assert.Single(emulator.Webhooks.Attempts);
        Assert.Null(attempt.StatusCode);
        Assert.Contains("HttpRequestException", attempt.Error);
        Assert.Equal(url.ToString(), attempt.Target);
    }

    [Fact]
    public async Task Duplicates_follow_the_rate_with_a_fixed_seed()
    {
        async Task<string[]> RunAsync(double rate)
        {
            var (emulator, receiver) = await StartAsync();
            await using var scope = receiver;
            emulator.Webhooks.Faults.DuplicateRate = rate;
            emulator.Webhooks.Faults.Seed = 42;
            var sent = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                sent.Add((await emulator.User(Customer).SendTextAsync("n" + i)).MessageId);
            }

            await emulator.Webhooks.FlushAsync();
            Assert.Equal(sent.ToHashSet(), Mids(receiver).ToHashSet());
            return receiver.Items.Select(i => i.GetProperty("message").GetProperty("text").GetString()!).ToArray();
        }

        var first = await RunAsync(0.3);
        var again = await RunAsync(0.3);
        var always = await RunAsync(1);

        Assert.Equal(first, again);
        Assert.InRange(first.Length - 40, 4, 24); // about 12 of 40
        Assert.Equal(80, always.Length);
        Assert.All(always.GroupBy(t => t), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task Reordering_shuffles_within_the_window_with_a_fixed_seed()
    {
        async Task<string[]> RunAsync()
        {
            var (emulator, receiver) = await StartAsync();
            await using var scope = receiver;
            emulator.Webhooks.Faults.ReorderWindow = 5;
            emulator.Webhooks.Faults.Seed = 7;
            var events = new List<SimulatedEvent>();
            for (var i = 0; i < 10; i++)
            {
                events.Add(await emulator.User(Customer).SendTextAsync(i.ToString()));
            }

            await emulator.Webhooks.FlushAsync();
            Assert.All(events, e => Assert.Equal(WebhookDeliveryOutcome.Delivered, e.Delivery.Result));
            Assert.Equal(10, receiver.Accepted.Count);
            return receiver.Items.Select(i => i.GetProperty("message").GetProperty("text").GetString()!).ToArray();
        }

        var order = await RunAsync();

        Assert.NotEqual(Enumerable.Range(0, 10).Select(i => i.ToString()), order);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => i.ToString()).ToHashSet(), order.Take(5).ToHashSet());
        Assert.Equal(Enumerable.Range(5, 5).Select(i => i.ToString()).ToHashSet(), order.Skip(5).ToHashSet());
        Assert.Equal(order, await RunAsync());
    }

    [Fact]
    public async Task Batching_puts_several_entries_in_one_POST_and_the_rest_leaves_on_flush()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.Faults.BatchSize = 3;
        emulator.Webhooks.FlushWindow = TimeSpan.FromMinutes(5);
        var events = new List<SimulatedEvent>();

        for (var i = 0; i < 7; i++)
        {
            events.Add(await emulator.User(i.ToString() + "00000000000000").SendTextAsync("m" + i));
        }

        Assert.False(events[6].Delivery.IsCompleted);
        await emulator.Webhooks.FlushAsync();

        Assert.Equal(new[] { 3, 3, 1 }, receiver.Accepted.Select(r => r.Root.GetProperty("entry").GetArrayLength()).ToArray());
        Assert.All(receiver.Accepted.SelectMany(r => r.Root.GetProperty("entry").EnumerateArray()), e => Assert.Equal(1, e.GetProperty("messaging").GetArrayLength()));
        Assert.Equal(new[] { 3, 3, 1 }, emulator.Webhooks.Attempts.Select(a => a.EventCount).ToArray());
        Assert.Equal(Enumerable.Range(0, 7).Select(i => "m" + i), receiver.Items.Select(i => i.GetProperty("message").GetProperty("text").GetString()));
        Assert.All(events, e => Assert.Equal(WebhookDeliveryOutcome.Delivered, e.Delivery.Result));
    }

    [Fact]
    public async Task Batching_as_items_puts_several_events_in_one_entry_and_the_window_flushes_a_partial_batch()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.Faults.BatchSize = 10;
        emulator.Webhooks.Faults.BatchMode = WebhookBatchMode.Items;
        emulator.Webhooks.FlushWindow = TimeSpan.FromMilliseconds(50);

        await emulator.User(Customer).SendTextAsync("one");
        var second = await emulator.User(Customer).SendTextAsync("two");

        Assert.Equal(WebhookDeliveryOutcome.Delivered, await second.Delivery.WaitAsync(TimeSpan.FromSeconds(10)));
        var entry = Assert.Single(Assert.Single(receiver.Accepted).Root.GetProperty("entry").EnumerateArray());
        Assert.Equal(2, entry.GetProperty("messaging").GetArrayLength());
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_by_a_receiver_that_checks_and_retried_until_the_emulator_gives_up()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.Faults.WrongSignatureRate = 1;

        var sent = await emulator.User(Customer).SendTextAsync("forged?");

        Assert.Equal(WebhookDeliveryOutcome.GaveUp, await sent.Delivery);
        Assert.Equal(3, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.False(r.SignatureValid));
        Assert.All(emulator.Webhooks.Attempts, a => Assert.Equal(401, a.StatusCode));
        Assert.Empty(receiver.Accepted);
    }

    [Fact]
    public async Task Unescaped_bodies_carry_raw_UTF8_under_the_signature_of_the_escaped_text()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.Faults.UnescapedBodies = true;
        emulator.Webhooks.RetryDelays = Array.Empty<TimeSpan>();

        await emulator.User(Customer).SendTextAsync("Olá 😊");
        emulator.Webhooks.Faults.UnescapedBodies = false;
        await emulator.User(Customer).SendTextAsync("Olá 😊");

        var (raw, escaped) = (receiver.Received[0], receiver.Received[1]);
        Assert.Contains("Olá 😊", raw.Text);
        Assert.False(raw.SignatureValid);
        Assert.True(escaped.SignatureValid);
        var metaText = raw.Text.Replace("á", @"\u00e1").Replace("😊", @"\ud83d\ude0a");
        var key = System.Text.Encoding.UTF8.GetBytes(emulator.Webhooks.AppSecret);
        Assert.Equal(
            "sha256=" + Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(metaText))).ToLowerInvariant(),
            raw.Headers["X-Hub-Signature-256"]);
    }

    [Fact]
    public async Task The_handshake_helper_reports_whether_the_app_answered_as_Meta_expects()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;

        var good = await emulator.Webhooks.VerifyAsync();
        var bad = await emulator.Webhooks.VerifyAsync("not-the-token");

        Assert.True(good.TokenWasCorrect);
        Assert.True(good.Accepted);
        Assert.True(good.AnsweredCorrectly);
        Assert.Equal(good.Challenge, good.Body);
        Assert.Matches("^[0-9]+$", good.Challenge);
        Assert.False(bad.TokenWasCorrect);
        Assert.False(bad.Accepted);
        Assert.Equal(403, bad.StatusCode);
        Assert.True(bad.AnsweredCorrectly);

        // An app that accepts any token answers the wrong one incorrectly.
        var lax = await FakeWebhookReceiver.StartAsync(emulator.Webhooks.AppSecret, "not-the-token");
        await using var __ = lax;
        emulator.Webhooks.DeliverTo(lax.Url!);
        Assert.False((await emulator.Webhooks.VerifyAsync()).AnsweredCorrectly);
        Assert.DoesNotContain(emulator.Webhooks.VerifyToken, (await emulator.Webhooks.VerifyAsync()).ToString());
    }

    [Fact]
    public async Task A_delay_holds_each_delivery_back()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.Faults.Delay = TimeSpan.FromMilliseconds(200);
        var watch = Stopwatch.StartNew();

        await emulator.User(Customer).SendTextAsync("slow");

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(190), watch.Elapsed.ToString());
        Assert.Single(receiver.Accepted);
    }

    [Fact]
    public async Task The_attempt_record_keeps_only_the_newest_up_to_its_cap()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.MaxRecordedAttempts = 3;

        for (var i = 0; i < 6; i++)
        {
            await emulator.User(Customer).SendTextAsync("n" + i);
        }

        Assert.Equal(6, emulator.Webhooks.TotalAttempts);
        Assert.Equal(new long[] { 4, 5, 6 }, emulator.Webhooks.Attempts.Select(a => a.DeliveryNumber - emulator.Webhooks.Attempts[0].DeliveryNumber + 4).ToArray());
        Assert.Contains("n5", emulator.Webhooks.Attempts[2].Body);
    }

    [Fact]
    public async Task Many_customers_acting_at_once_are_all_delivered_once()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.DeliverEchoes = false;
        var users = Enumerable.Range(0, 40).Select(_ => emulator.User(emulator.NewUserId())).ToArray();

        var events = await Task.WhenAll(users.Select(u => u.SendTextAsync("hi from " + u.Id)));

        Assert.All(events, e => Assert.Equal(WebhookDeliveryOutcome.Delivered, e.Delivery.Result));
        Assert.Equal(events.Select(e => e.MessageId).OrderBy(m => m), Mids(receiver).OrderBy(m => m));
        Assert.Equal(40, Mids(receiver).Distinct().Count());
    }

    [Fact]
    public async Task Under_every_fault_at_once_each_event_arrives_at_least_once_and_nothing_is_lost()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var faults = emulator.Webhooks.Faults;
        (faults.DuplicateRate, faults.ReorderWindow, faults.BatchSize, faults.Seed) = (0.2, 10, 4, 2026);
        receiver.Answer(500, 200, 200, 500);
        var users = Enumerable.Range(0, 20).Select(i => emulator.User((100000000000000 + i).ToString())).ToArray();

        var events = new List<SimulatedEvent>();
        for (var i = 0; i < 1000; i++)
        {
            events.Add(await users[i % users.Length].SendTextAsync("n" + i));
        }

        await emulator.Webhooks.FlushAsync();

        Assert.All(events, e => Assert.Equal(WebhookDeliveryOutcome.Delivered, e.Delivery.Result));
        var received = Mids(receiver);
        Assert.Equal(events.Select(e => e.MessageId).ToHashSet(), received.ToHashSet());
        Assert.InRange(received.Length - events.Count, 150, 250); // about 200 duplicates
        Assert.NotEqual(events.Select(e => e.MessageId), received.Distinct());
        Assert.Contains(emulator.Webhooks.Attempts, a => a.AttemptNumber == 2);
    }

    [Fact]
    public async Task Delivery_can_be_stopped_and_the_record_cleared()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        Assert.Equal(receiver.Url, emulator.Webhooks.CallbackUrl);
        await emulator.User(Customer).SendTextAsync("one");

        emulator.Webhooks.StopDelivering();
        emulator.Webhooks.ClearAttempts();
        var second = await emulator.User(Customer).SendTextAsync("two");

        Assert.Null(emulator.Webhooks.CallbackUrl);
        Assert.Equal(WebhookDeliveryOutcome.NotDelivered, await second.Delivery);
        Assert.Empty(emulator.Webhooks.Attempts);
        Assert.Equal(1, emulator.Webhooks.TotalAttempts);
        Assert.Single(receiver.Received);
        await Assert.ThrowsAsync<InvalidOperationException>(() => emulator.Webhooks.VerifyAsync());
    }

    [Fact]
    public async Task The_subscription_is_disabled_after_deliveries_kept_failing_for_the_span_and_later_events_are_not_sent()
    {
        var (clock, emulator, receiver) = await StartOnFakeClockAsync();
        var start = clock.GetUtcNow();
        await using var scope = receiver;
        var webhooks = emulator.Webhooks;
        Assert.Equal(TimeSpan.FromHours(1), webhooks.DisableAfter);
        Assert.Throws<ArgumentOutOfRangeException>(() => webhooks.DisableAfter = TimeSpan.Zero);
        receiver.Answer(500, 500, 500);
        var customer = emulator.User(Customer);

        Assert.Equal(WebhookDeliveryOutcome.GaveUp, await (await customer.SendTextAsync("one")).Delivery);
        Assert.Equal(start, webhooks.FailingSince);
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(WebhookDeliveryOutcome.GaveUp, await (await customer.SendTextAsync("two")).Delivery);
        Assert.False(webhooks.IsSubscriptionDisabled);
        Assert.Null(webhooks.SubscriptionDisabledReason);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(WebhookDeliveryOutcome.GaveUp, await (await customer.SendTextAsync("three")).Delivery);

        // An hour of failures: disabled, and said so in words a failing test can show.
        Assert.True(webhooks.IsSubscriptionDisabled);
        Assert.Equal(start + TimeSpan.FromHours(1), webhooks.SubscriptionDisabledAt);
        Assert.Contains("DisableAfter (01:00:00)", webhooks.SubscriptionDisabledReason);
        Assert.Contains("EnableSubscription()", webhooks.SubscriptionDisabledReason);
        var lost = await customer.SendTextAsync("four");
        Assert.Equal(WebhookDeliveryOutcome.SubscriptionDisabled, await lost.Delivery);
        await BusinessSendsAsync(emulator, $$$"""{"recipient":{"id":"{{{Customer}}}"},"message":{"text":"an echo that never comes"} }""");
        await webhooks.FlushAsync();
        Assert.Equal(3, receiver.Received.Count);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => webhooks.ResendAsync(1));
        Assert.Contains("disabled", error.Message);

        // The dashboard's Test button bypasses the subscription and leaves it disabled.
        Assert.Equal(200, (await webhooks.SendDashboardTestAsync()).StatusCode);
        Assert.True(webhooks.IsSubscriptionDisabled);

        // Subscribing again delivers new events; the lost one stays lost.
        webhooks.EnableSubscription();
        Assert.False(webhooks.IsSubscriptionDisabled);
        Assert.Null(webhooks.SubscriptionDisabledAt);
        var five = await customer.SendTextAsync("five");
        Assert.Equal(WebhookDeliveryOutcome.Delivered, await five.Delivery);
        Assert.Equal(4, Mids(receiver).Length); // the three refused, then this one (the dashboard test has no messaging[])
        Assert.Equal(five.MessageId, Mids(receiver)[^1]);
        Assert.Null(webhooks.FailingSince);
    }

    [Fact]
    public async Task A_success_in_between_restarts_the_failure_span_so_the_subscription_stays_enabled()
    {
        var (clock, emulator, receiver) = await StartOnFakeClockAsync();
        var start = clock.GetUtcNow();
        await using var scope = receiver;
        var webhooks = emulator.Webhooks;
        webhooks.DisableAfter = TimeSpan.FromMinutes(30);
        var customer = emulator.User(Customer);

        receiver.Answer(503);
        await customer.SendTextAsync("fails at 0");
        clock.Advance(TimeSpan.FromMinutes(20));
        await customer.SendTextAsync("succeeds at 20");
        Assert.Null(webhooks.FailingSince);
        clock.Advance(TimeSpan.FromMinutes(20));
        receiver.Answer(503, 503);
        await customer.SendTextAsync("fails at 40");
        clock.Advance(TimeSpan.FromMinutes(29));
        await customer.SendTextAsync("fails at 69");

        // 69 minutes since the first failure, but only 29 since the last success: still enabled.
        Assert.False(webhooks.IsSubscriptionDisabled);
        Assert.Equal(start + TimeSpan.FromMinutes(40), webhooks.FailingSince);
        clock.Advance(TimeSpan.FromMinutes(1));
        receiver.Answer(503);
        await customer.SendTextAsync("fails at 70");
        Assert.True(webhooks.IsSubscriptionDisabled);
        Assert.Equal(start + TimeSpan.FromMinutes(70), webhooks.SubscriptionDisabledAt);
    }

    [Fact]
    public async Task Disabling_stops_retries_in_progress_and_events_held_for_a_batch_are_never_sent()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var webhooks = emulator.Webhooks;
        webhooks.DisableAfter = TimeSpan.FromMilliseconds(50);
        webhooks.RetryDelays = Enumerable.Repeat(TimeSpan.FromMilliseconds(100), 4).ToArray();
        webhooks.Faults.BatchSize = 2;
        webhooks.FlushWindow = TimeSpan.FromSeconds(30);
        receiver.Answer(500, 500, 500, 500, 500);
        var customer = emulator.User(Customer);

        var first = await customer.SendTextAsync("one");
        var second = await customer.SendTextAsync("two"); // the batch is full: posted, refused, retried
        var held = await customer.SendTextAsync("three"); // waits for a second event
        var stopwatch = Stopwatch.StartNew();
        while (!webhooks.IsSubscriptionDisabled && stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        await webhooks.FlushAsync();

        Assert.True(webhooks.IsSubscriptionDisabled);
        Assert.Equal(2, webhooks.Attempts.Count); // the first try and one retry; the three retries left were dropped
        Assert.Equal(WebhookDeliveryOutcome.GaveUp, await first.Delivery);
        Assert.Equal(WebhookDeliveryOutcome.GaveUp, await second.Delivery);
        Assert.Equal(WebhookDeliveryOutcome.SubscriptionDisabled, await held.Delivery);
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task While_another_app_owns_the_thread_the_customers_events_arrive_in_standby_until_control_comes_back()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var webhooks = emulator.Webhooks;
        var account = webhooks.AccountId;
        const string Other = "1839204756102938";
        await BusinessSendsAsync(emulator, $$"""{"recipient":{"id":"{{Customer}}"},"message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[{"title":"Jacket","buttons":[{"type":"postback","title":"Buy","payload":"BUY"}]}]} } } }""");
        await webhooks.FlushAsync();
        var before = receiver.Received.Count;
        Assert.Null(webhooks.ThreadOwner(Customer));

        var passed = await webhooks.PassThreadControlAsync(Customer, EmulatorWebhooks.PageInboxAppId, "escalated");

        Assert.Equal(EmulatorWebhooks.PageInboxAppId, webhooks.ThreadOwner(Customer));
        Assert.Equal(("pass_thread_control", string.Empty), (passed.Kind, passed.MessageId));
        Assert.Equal(WebhookDeliveryOutcome.Delivered, await passed.Delivery);
        Assert.Equal(
            $$$"""{"sender":{"id":"{{{Customer}}}"},"recipient":{"id":"{{{account}}}"},"timestamp":{{{passed.Timestamp.ToUnixTimeMilliseconds()}}},"pass_thread_control":{"previous_owner_app_id":null,"new_owner_app_id":"263902037430900","metadata":"escalated"}}""",
            passed.Json);
        Assert.Contains("\"messaging\":[" + passed.Json + "]", receiver.Received[before].Text);

        // The customer's events, and the echo of what the owning app's person writes, come in standby; a postback without payload.
        var text = await emulator.User(Customer).SendTextAsync("I need a human");
        var press = await emulator.User(Customer).PressPostbackAsync("BUY");
        var echo = await webhooks.ThreadOwnerSendsAsync(Customer, "Hi, Ana here");
        var otherCustomer = await emulator.User(Other).SendTextAsync("not handed over");
        await webhooks.FlushAsync();

        var standbyPosts = receiver.Received.Skip(before + 1).Where(r => r.StandbyItems.Count > 0).ToArray();
        Assert.Equal(3, standbyPosts.Length);
        Assert.All(standbyPosts, p => Assert.Empty(p.Items));
        Assert.StartsWith("""{"object":"instagram","entry":[{"time":""", standbyPosts[0].Text);
        Assert.Contains(",\"id\":\"" + account + "\",\"standby\":[" + text.Json + "]}]}", standbyPosts[0].Text);
        var postback = standbyPosts[1].StandbyItems[0].GetProperty("postback");
        Assert.Equal(new[] { "mid", "title" }, postback.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.DoesNotContain("BUY\"", press.Json);
        Assert.Equal(
            $$$"""{"sender":{"id":"{{{account}}}"},"recipient":{"id":"{{{Customer}}}"},"timestamp":{{{echo.Timestamp.ToUnixTimeMilliseconds()}}},"message":{"mid":"{{{echo.MessageId}}}","text":"Hi, Ana here","is_echo":true}}""",
            echo.Json);
        Assert.Equal(("message", account), (echo.Kind, echo.SenderId));
        Assert.Contains("\"standby\":[" + echo.Json + "]", standbyPosts[2].Text);
        Assert.True(standbyPosts[2].StandbyItems[0].GetProperty("message").GetProperty("is_echo").GetBoolean());
        Assert.Contains(receiver.Items, i => i.TryGetProperty("message", out var m) && m.GetProperty("mid").GetString() == otherCustomer.MessageId);
        await Assert.ThrowsAsync<InvalidOperationException>(() => webhooks.PassThreadControlAsync(Customer, EmulatorWebhooks.PageInboxAppId));

        // The app takes the thread back: the take item, then messaging[] again; the owner's person no longer writes.
        var taken = await webhooks.TakeThreadControlAsync(Customer, webhooks.AppId);
        var idle = await Assert.ThrowsAsync<InvalidOperationException>(() => webhooks.ThreadOwnerSendsAsync(Customer, "too late"));
        Assert.Contains("Send API", idle.Message);
        Assert.Equal(
            $$$"""{"sender":{"id":"{{{Customer}}}"},"recipient":{"id":"{{{account}}}"},"timestamp":{{{taken.Timestamp.ToUnixTimeMilliseconds()}}},"take_thread_control":{"previous_owner_app_id":"263902037430900","new_owner_app_id":"{{{webhooks.AppId}}}"}}""",
            taken.Json);
        var after = await emulator.User(Customer).SendTextAsync("thanks");
        Assert.Equal(webhooks.AppId, webhooks.ThreadOwner(Customer));
        Assert.Equal(after.MessageId, receiver.Items[^1].GetProperty("message").GetProperty("mid").GetString());
        Assert.Empty(receiver.Received[^1].StandbyItems);
    }

    [Fact]
    public async Task Another_app_asking_for_the_thread_arrives_as_request_thread_control_and_changes_no_owner()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var webhooks = emulator.Webhooks;
        var account = webhooks.AccountId;

        var asked = await webhooks.RequestThreadControlAsync(Customer, EmulatorWebhooks.PageInboxAppId, "Cliente pediu um humano 🙋");
        var bare = await webhooks.RequestThreadControlAsync(Customer, "918273645501234");
        var text = await emulator.User(Customer).SendTextAsync("hello?");

        Assert.Equal(("request_thread_control", Customer, string.Empty), (asked.Kind, asked.SenderId, asked.MessageId));
        Assert.Equal(WebhookDeliveryOutcome.Delivered, await asked.Delivery);
        Assert.Equal(
            $$$"""{"sender":{"id":"{{{Customer}}}"},"recipient":{"id":"{{{account}}}"},"timestamp":{{{asked.Timestamp.ToUnixTimeMilliseconds()}}},"request_thread_control":{"requested_owner_app_id":"263902037430900","metadata":"Cliente pediu um humano \ud83d\ude4b"}}""",
            asked.Json);
        Assert.Contains("\"messaging\":[" + asked.Json + "]", receiver.Received[0].Text);
        Assert.All(receiver.Received, p => Assert.True(p.SignatureValid));
        Assert.Equal("Cliente pediu um humano 🙋", receiver.Items[0].GetProperty("request_thread_control").GetProperty("metadata").GetString());
        Assert.Equal(new[] { "requested_owner_app_id" }, receiver.Items[1].GetProperty("request_thread_control").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Contains(bare.Json, receiver.Received[1].Text);

        // A request moves nothing: the thread stays idle and the customer's events still come in messaging[].
        Assert.Null(webhooks.ThreadOwner(Customer));
        Assert.Equal(text.MessageId, receiver.Items[2].GetProperty("message").GetProperty("mid").GetString());
        Assert.Empty(receiver.Received.SelectMany(r => r.StandbyItems));

        // Neither the owner nor the app under test asks (the latter calls the Graph API; nothing comes back to it).
        await webhooks.PassThreadControlAsync(Customer, EmulatorWebhooks.PageInboxAppId);
        var owner = await Assert.ThrowsAsync<InvalidOperationException>(() => webhooks.RequestThreadControlAsync(Customer, EmulatorWebhooks.PageInboxAppId));
        Assert.Contains("already owns", owner.Message);
        var self = await Assert.ThrowsAsync<InvalidOperationException>(() => webhooks.RequestThreadControlAsync(Customer, webhooks.AppId));
        Assert.Contains("app under test", self.Message);

        // The request goes to the thread's owner: while the Page Inbox owns it, the app under test is not asked.
        var notOurs = await Assert.ThrowsAsync<InvalidOperationException>(() => webhooks.RequestThreadControlAsync(Customer, "918273645501234"));
        Assert.Contains("App " + EmulatorWebhooks.PageInboxAppId + " owns the thread", notOurs.Message);
        await webhooks.TakeThreadControlAsync(Customer, webhooks.AppId);
        var ours = await webhooks.RequestThreadControlAsync(Customer, "918273645501234");
        Assert.Contains(ours.Json, receiver.Received[^1].Text);
        await Assert.ThrowsAsync<ArgumentException>(() => webhooks.RequestThreadControlAsync(Customer, " "));
        Assert.Equal(6, receiver.Received.Count);
    }

    [Fact]
    public async Task A_role_given_to_an_app_arrives_as_app_roles_addressed_to_the_account_with_no_sender()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var webhooks = emulator.Webhooks;
        webhooks.AppId = "918273645501234";
        await webhooks.PassThreadControlAsync(Customer, EmulatorWebhooks.PageInboxAppId);

        var primary = await webhooks.AssignAppRoleAsync(webhooks.AppId);
        var secondary = await webhooks.AssignAppRoleAsync(EmulatorWebhooks.PageInboxAppId, "secondary_receiver");

        Assert.Equal(("app_roles", string.Empty, webhooks.AccountId, string.Empty), (primary.Kind, primary.SenderId, primary.RecipientId, primary.MessageId));
        Assert.Equal(WebhookDeliveryOutcome.Delivered, await primary.Delivery);
        Assert.Equal(
            $$$"""{"recipient":{"id":"{{{webhooks.AccountId}}}"},"timestamp":{{{primary.Timestamp.ToUnixTimeMilliseconds()}}},"app_roles":{"918273645501234":["primary_receiver"]}}""",
            primary.Json);
        Assert.Contains("\"messaging\":[" + primary.Json + "]", receiver.Received[1].Text);
        Assert.Contains("\"app_roles\":{\"263902037430900\":[\"secondary_receiver\"]}", secondary.Json);
        Assert.All(receiver.Received, p => Assert.True(p.SignatureValid));

        // A role names who is who; it moves no thread (the Page Inbox still owns this one, and its events stay in standby).
        Assert.Equal(EmulatorWebhooks.PageInboxAppId, webhooks.ThreadOwner(Customer));
        await emulator.User(Customer).SendTextAsync("still there?");
        Assert.Single(receiver.Received[^1].StandbyItems);
        await Assert.ThrowsAsync<ArgumentException>(() => webhooks.AssignAppRoleAsync(""));
        await Assert.ThrowsAsync<ArgumentException>(() => webhooks.AssignAppRoleAsync(webhooks.AppId, " "));
        Assert.Equal(4, receiver.Received.Count);
    }

    [Fact]
    public async Task A_batch_in_one_entry_starts_a_new_entry_where_standby_and_messaging_items_meet()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        await emulator.Webhooks.PassThreadControlAsync(Customer, EmulatorWebhooks.PageInboxAppId);
        emulator.Webhooks.Faults.BatchSize = 3;
        emulator.Webhooks.Faults.BatchMode = WebhookBatchMode.Items;

        var a = await emulator.User("1029384756102938").SendTextAsync("a");
        var b = await emulator.User(Customer).SendTextAsync("b");
        var c = await emulator.User(Customer).SendTextAsync("c");
        await emulator.Webhooks.FlushAsync();

        var entries = receiver.Received[^1].Root.GetProperty("entry").EnumerateArray().ToArray();
        Assert.Equal(2, entries.Length);
        Assert.Equal(new[] { "time", "id", "messaging" }, entries[0].EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(new[] { "time", "id", "standby" }, entries[1].EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Contains("\"standby\":[" + b.Json + "," + c.Json + "]", receiver.Received[^1].Text);
        Assert.Contains("\"messaging\":[" + a.Json + "]", receiver.Received[^1].Text);
    }

    [Theory]
    [InlineData(WebhookLoginFlavor.InstagramLogin, """{"object":"instagram","entry":[{"id":"0","time":1781520015,"changes":[{"field":"messages","value":{"sender":{"id":"12334"},"recipient":{"id":"23245"},"timestamp":"1527459824","message":{"mid":"random_mid","text":"random_text"}}}]}]}""")]
    [InlineData(WebhookLoginFlavor.FacebookLogin, """{"object":"instagram","entry":[{"time":1781520015307,"id":"0","messaging":[{"sender":{"id":"12334"},"recipient":{"id":"23245"},"timestamp":"1527459824","message":{"mid":"random_mid","text":"random_text"}}]}]}""")]
    public async Task The_dashboard_Test_button_posts_Metas_sample_in_the_flavors_shape(WebhookLoginFlavor flavor, string expected)
    {
        var (clock, emulator, receiver) = await StartOnFakeClockAsync();
        await using var scope = receiver;

        var attempt = await emulator.Webhooks.SendDashboardTestAsync(flavor);

        var post = Assert.Single(receiver.Received);
        Assert.True(post.SignatureValid);
        Assert.Equal(expected, post.Text);
        Assert.Equal(expected, attempt.Body);
        Assert.Equal((200, 1, 1), (attempt.StatusCode, attempt.AttemptNumber, attempt.EventCount));
        Assert.Equal("Webhooks/1.0 (https://fb.me/webhooks)", post.Headers["User-Agent"]);
        Assert.Same(attempt, Assert.Single(emulator.Webhooks.Attempts));
    }

    [Fact]
    public async Task The_dashboard_Test_without_a_flavor_follows_the_emulators_login_flavor()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;

        var instagram = await emulator.Webhooks.SendDashboardTestAsync();
        emulator.Webhooks.LoginFlavor = WebhookLoginFlavor.FacebookLogin;
        var facebook = await emulator.Webhooks.SendDashboardTestAsync();

        Assert.Contains("\"changes\":[{\"field\":\"messages\"", instagram.Body);
        Assert.Contains("\"id\":\"0\",\"messaging\":[", facebook.Body);
        Assert.Contains("\"changes\":[", (await emulator.Webhooks.SendDashboardTestAsync(WebhookLoginFlavor.InstagramLogin)).Body);
    }

    [Fact]
    public async Task Each_login_flavor_signs_with_its_own_secret_once_they_are_set_apart()
    {
        var emulator = new GraphApiEmulator();
        Assert.Equal(emulator.Webhooks.InstagramLoginAppSecret, emulator.Webhooks.FacebookLoginAppSecret); // one secret until told otherwise
        emulator.Webhooks.AppSecret = "one-secret-for-both";
        Assert.Equal(("one-secret-for-both", "one-secret-for-both"), (emulator.Webhooks.InstagramLoginAppSecret, emulator.Webhooks.FacebookLoginAppSecret));
        emulator.Webhooks.InstagramLoginAppSecret = "instagram-app-secret";
        emulator.Webhooks.FacebookLoginAppSecret = "meta-app-secret";
        Assert.Throws<ArgumentException>(() => emulator.Webhooks.FacebookLoginAppSecret = "");
        var (_, receiver) = await StartAsync(emulator); // a receiver that knows only the Instagram app secret
        await using var scope = receiver;
        emulator.Webhooks.RetryDelays = Array.Empty<TimeSpan>();
        Assert.Equal("instagram-app-secret", emulator.Webhooks.AppSecret);

        await emulator.User(Customer).SendTextAsync("Instagram Login");
        var instagramTest = await emulator.Webhooks.SendDashboardTestAsync(WebhookLoginFlavor.InstagramLogin);
        var facebookTest = await emulator.Webhooks.SendDashboardTestAsync(WebhookLoginFlavor.FacebookLogin);
        emulator.Webhooks.LoginFlavor = WebhookLoginFlavor.FacebookLogin;
        await emulator.User(Customer).SendTextAsync("Facebook Login");

        Assert.Equal("meta-app-secret", emulator.Webhooks.AppSecret);
        Assert.True(receiver.Received[0].SignatureValid);
        Assert.Equal((200, 401), (instagramTest.StatusCode, facebookTest.StatusCode));
        var facebookDelivery = receiver.Received[^1];
        Assert.Contains("Facebook Login", facebookDelivery.Text);
        Assert.False(facebookDelivery.SignatureValid);
        foreach (var post in new[] { receiver.Received[2], facebookDelivery })
        {
            var expected = System.Security.Cryptography.HMACSHA256.HashData("meta-app-secret"u8.ToArray(), System.Text.Encoding.UTF8.GetBytes(post.Text));
            var legacy = System.Security.Cryptography.HMACSHA1.HashData("meta-app-secret"u8.ToArray(), System.Text.Encoding.UTF8.GetBytes(post.Text));
            Assert.Equal("sha256=" + Convert.ToHexString(expected).ToLowerInvariant(), post.Headers["X-Hub-Signature-256"]);
            Assert.Equal("sha1=" + Convert.ToHexString(legacy).ToLowerInvariant(), post.Headers["X-Hub-Signature"]);
        }
    }

    [Fact]
    public async Task The_dashboard_Test_is_posted_once_even_when_refused_and_needs_a_callback()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => new GraphApiEmulator().Webhooks.SendDashboardTestAsync());
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        receiver.Answer(500);

        var attempt = await emulator.Webhooks.SendDashboardTestAsync(WebhookLoginFlavor.FacebookLogin);

        Assert.Equal(500, attempt.StatusCode);
        Assert.Single(receiver.Received);
        Assert.Null(emulator.Webhooks.FailingSince); // not the subscription's traffic
    }

    [Fact]
    public async Task Observed_quirks_are_off_by_default_and_when_on_reads_and_edits_lose_their_sender_new_messages_bring_empty_edits_and_post_shares_two_attachments()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        var webhooks = emulator.Webhooks;
        var customer = emulator.User(Customer);
        var business = await BusinessSendsAsync(emulator, $$$"""{"recipient":{"id":"{{{Customer}}}"},"message":{"text":"Hello!"} }""");
        await webhooks.FlushAsync();
        var plainRead = await customer.ReadAsync(business);
        var plainShare = await customer.SendAttachmentAsync("ig_post");
        Assert.StartsWith("{\"sender\":", plainRead.Json);
        Assert.Single(JsonDocument.Parse(plainShare.Json).RootElement.GetProperty("message").GetProperty("attachments").EnumerateArray());
        Assert.Equal(3, receiver.Items.Count); // echo, read, share: no empty edit
        var seen = receiver.Items.Count;

        webhooks.Quirks.EnableAll();
        webhooks.Faults.Seed = 7;
        var read = await customer.ReadAsync(business);
        var messages = new List<SimulatedEvent>();
        for (var i = 0; i < 6; i++)
        {
            messages.Add(await customer.SendTextAsync("message " + i));
        }

        var edit = await customer.EditAsync(messages[0].MessageId, "edited");
        var share = await customer.SendAttachmentAsync("ig_post", title: "New autumn collection is live");
        await BusinessSendsAsync(emulator, $$$"""{"recipient":{"id":"{{{Customer}}}"},"message":{"text":"echoes bring no empty edit"} }""");
        await webhooks.FlushAsync();

        Assert.Equal($$$"""{"timestamp":{{{read.Timestamp.ToUnixTimeMilliseconds()}}},"read":{"mid":"{{{business}}}"}}""", read.Json);
        Assert.Equal($$$"""{"timestamp":{{{edit.Timestamp.ToUnixTimeMilliseconds()}}},"message_edit":{"mid":"{{{messages[0].MessageId}}}","text":"edited","num_edit":1}}""", edit.Json);
        var items = receiver.Items.Skip(seen).Select(i => i.GetRawText()).ToList();
        var placements = new List<bool>();
        foreach (var message in messages.Append(share))
        {
            var at = items.IndexOf(message.Json);
            var emptyEdit = $$$"""{"timestamp":{{{message.Timestamp.ToUnixTimeMilliseconds()}}},"message_edit":{"mid":"{{{message.MessageId}}}","num_edit":0}}""";
            var editAt = items.IndexOf(emptyEdit);
            Assert.True(at >= 0 && editAt >= 0, "the message and its empty edit both arrive");
            Assert.Equal(1, Math.Abs(at - editAt));
            placements.Add(editAt < at);
        }

        Assert.Contains(true, placements);
        Assert.Contains(false, placements);
        Assert.Single(items, i => i.Contains("\"num_edit\":1", StringComparison.Ordinal));
        Assert.Equal(1 + 6 + 6 + 1 + 2 + 1, items.Count); // read, messages, their empty edits, the edit, the share and its empty edit, the echo
        var attachments = JsonDocument.Parse(share.Json).RootElement.GetProperty("message").GetProperty("attachments").EnumerateArray().ToArray();
        Assert.Equal(new[] { "share", "ig_post" }, attachments.Select(a => a.GetProperty("type").GetString()).ToArray());
        Assert.Equal(attachments[1].GetProperty("payload").GetRawText(), attachments[0].GetProperty("payload").GetRawText());
        Assert.Equal("New autumn collection is live", attachments[0].GetProperty("payload").GetProperty("title").GetString());
    }

    // An empty edit the quirks post after its message is part of the customer's action: the action completes only once
    // it was answered too, so the customer's next action can never overtake it.
    [Fact]
    public async Task A_customer_action_completes_only_once_the_empty_edit_a_quirk_added_was_answered_too()
    {
        var (emulator, receiver) = await StartAsync();
        await using var scope = receiver;
        emulator.Webhooks.Quirks.EmptyEditsAroundMessages = true;
        emulator.Webhooks.Faults.Seed = 7;
        var customer = emulator.User(Customer);
        var editsAfter = 0;
        for (var i = 0; i < 6; i++)
        {
            receiver.AnswerLate(TimeSpan.FromMilliseconds(40));
            receiver.AnswerLate(TimeSpan.FromMilliseconds(40));
            var sent = await customer.SendTextAsync("message " + i);

            var emptyEdit = $$$"""{"timestamp":{{{sent.Timestamp.ToUnixTimeMilliseconds()}}},"message_edit":{"mid":"{{{sent.MessageId}}}","num_edit":0}}""";
            var answered = receiver.Answered.SelectMany(r => r.Items).Select(item => item.GetRawText()).ToList();
            Assert.Contains(sent.Json, answered);
            Assert.Contains(emptyEdit, answered);
            editsAfter += answered.IndexOf(emptyEdit) > answered.IndexOf(sent.Json) ? 1 : 0;
        }

        Assert.InRange(editsAfter, 1, 5); // the seed puts empty edits on both sides
    }

    // Meta's way back from a disabled subscription is the app subscribing the account again (webhook spec §1.1, §5):
    // POST subscribed_apps with the fields, answered {"success": true} (Facebook Login's Page call: "true").
    [Fact]
    public async Task Subscribing_again_through_subscribed_apps_turns_a_disabled_subscription_back_on()
    {
        var (clock, emulator, receiver) = await StartOnFakeClockAsync();
        await using var scope = receiver;
        var webhooks = emulator.Webhooks;
        webhooks.DisableAfter = TimeSpan.FromMinutes(1);
        receiver.Answer(500, 500);
        var customer = emulator.User(Customer);
        await (await customer.SendTextAsync("one")).Delivery;
        clock.Advance(TimeSpan.FromMinutes(1));
        await (await customer.SendTextAsync("two")).Delivery;
        Assert.True(webhooks.IsSubscriptionDisabled);

        using var http = emulator.CreateHttpClient();
        async Task<(HttpStatusCode Status, string Body)> SubscribeAsync(string query, string method = "POST")
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), "https://graph.instagram.com/v25.0/me/subscribed_apps" + query);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GraphApiEmulator.DefaultAccessToken);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var missing = await SubscribeAsync(string.Empty);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains("subscribed_fields is required", missing.Body);
        var misspelt = await SubscribeAsync("?subscribed_fields=messages,messaging_reactions");
        Assert.Equal(HttpStatusCode.BadRequest, misspelt.Status);
        Assert.Contains("'messaging_reactions' is not one", JsonDocument.Parse(misspelt.Body).RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await SubscribeAsync("?subscribed_fields=messages", "GET")).Status);
        Assert.True(webhooks.IsSubscriptionDisabled);

        Assert.Equal((HttpStatusCode.OK, """{"success":true}"""), await SubscribeAsync("?subscribed_fields=messages,messaging_postbacks,message_reactions"));
        Assert.False(webhooks.IsSubscriptionDisabled);
        Assert.Equal(WebhookDeliveryOutcome.Delivered, await (await customer.SendTextAsync("three")).Delivery);

        webhooks.LoginFlavor = WebhookLoginFlavor.FacebookLogin;
        Assert.Equal((HttpStatusCode.OK, """{"success":"true"}"""), await SubscribeAsync("?subscribed_fields=messages"));
    }
}

