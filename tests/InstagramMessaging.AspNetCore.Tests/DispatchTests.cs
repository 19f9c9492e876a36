using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InstagramMessaging.AspNetCore.Tests;

public sealed class DispatchTests
{
    [Fact]
    public async Task The_200_arrives_while_a_slow_handler_is_still_running()
    {
        await using var host = await WebhookTestHost.StartAsync();
        host.Recorded.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = Stopwatch.StartNew();

        var response = await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_slow", "take your time")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"answered after {watch.Elapsed}");
        await Task.Delay(100);
        Assert.Empty(host.Recorded.Events);
        host.Recorded.Gate.SetResult();
        await host.Recorded.WaitForAsync(1);
    }

    [Fact]
    public async Task The_200_and_the_connections_next_200_arrive_while_a_handler_blocks_its_thread()
    {
        // A handler that blocks its thread delays neither its own delivery's answer nor the next delivery sent on the
        // same keep-alive connection (the test's HttpClient reuses its one idle connection).
        await using var host = await WebhookTestHost.StartAsync();
        using var blocking = new System.Threading.ManualResetEventSlim();
        host.Recorded.BlockingGate = blocking;

        try
        {
            var watch = Stopwatch.StartNew();
            var first = await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_blocking", "take your time"))).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"answered after {watch.Elapsed}");

            watch.Restart();
            var second = await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("2", "m_next", "next one"))).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the connection's next delivery was answered after {watch.Elapsed}");
            Assert.Empty(host.Recorded.Events);
        }
        finally
        {
            blocking.Set();
        }

        await host.Recorded.WaitForAsync(2);
    }

    [Fact]
    public async Task Each_customer_s_events_are_handled_in_arrival_order_while_customers_run_in_parallel()
    {
        await using var host = await WebhookTestHost.StartAsync(o => o.MaxConcurrency = 8);
        host.Recorded.DelayMilliseconds = 3;
        const int customers = 24, perCustomer = 15;
        var random = new Random(12);

        // Interleaved across customers; within a customer the arrival order is the order of the posts, which is
        // deliberately not the order of the timestamps (Meta reorders after failures).
        var posted = new List<(string Customer, string Mid)>();
        var pending = Enumerable.Range(0, customers).ToDictionary(c => $"cust{c}", _ => 0);
        while (pending.Count > 0)
        {
            var batch = new List<string>();
            for (var i = random.Next(1, 4); i > 0 && pending.Count > 0; i--)
            {
                var customer = pending.Keys.ElementAt(random.Next(pending.Count));
                var n = pending[customer]++;
                if (pending[customer] == perCustomer)
                {
                    pending.Remove(customer);
                }

                var mid = $"m_{customer}_{n}";
                batch.Add(WebhookBodies.Message(customer, mid, $"#{n}", timestamp: 1781520015307 - (n * 1000)));
                posted.Add((customer, mid));
            }

            Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(WebhookBodies.Delivery(batch))).StatusCode);
        }

        await host.Recorded.WaitForAsync(customers * perCustomer);
        var handled = host.Recorded.Events.Cast<MessageReceivedEvent>().ToArray();
        Assert.Equal(customers * perCustomer, handled.Length);
        foreach (var customer in posted.Select(p => p.Customer).Distinct())
        {
            Assert.Equal(
                posted.Where(p => p.Customer == customer).Select(p => p.Mid),
                handled.Where(e => e.SenderId == customer).Select(e => e.MessageId));
        }

        Assert.InRange(host.Recorded.MaxConcurrentlyRunning, 2, 8);
    }

    [Fact]
    public async Task One_customer_s_events_never_overlap()
    {
        await using var host = await WebhookTestHost.StartAsync(o => o.MaxConcurrency = 8);
        host.Recorded.DelayMilliseconds = 5;

        for (var i = 0; i < 20; i++)
        {
            await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("solo", $"m_{i}", $"#{i}")));
        }

        await host.Recorded.WaitForAsync(20);
        Assert.Equal(1, host.Recorded.MaxConcurrentlyRunning);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m_{i}"), host.Recorded.MessageIds);
    }

    [Fact]
    public async Task A_throwing_handler_is_isolated_other_handlers_and_events_go_on()
    {
        await using var host = await WebhookTestHost.StartAsync(handlers: b => b.AddHandler<ThrowingHandler>().AddHandler<RecordingHandler>());

        var responses = new[]
        {
            await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_1", "boom"))),
            await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_2", "fine"), WebhookBodies.Message("2", "m_3", "boom"))),
            await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("2", "m_4", "also fine"))),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await host.Recorded.WaitForAsync(4);
        Assert.Equal(["m_1", "m_2", "m_3", "m_4"], host.Recorded.MessageIds.Order());
        Assert.Equal(2, host.Logs.Lines.Count(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("ThrowingHandler threw on MessageReceivedEvent", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Echoes_reach_handlers_as_MessageEchoEvent_and_the_sample_bot_answers_only_customers_never_self_messages()
    {
        await using var host = await WebhookTestHost.StartAsync(handlers: b => b.AddHandler<RecordingHandler>().AddHandler<SampleBotHandler>());

        await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("7241980365028173", "m_in", "Do you ship to Lyon?")));
        await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Echo("7241980365028173", "m_out", "you said Do you ship to Lyon?")));
        await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Self("m_self", "preview")));

        await host.Recorded.WaitForAsync(3);
        await Task.Delay(100);
        // The self message's CustomerId is the account: it may be dispatched beside the customer's events, in any order.
        var echo = Assert.Single(host.Recorded.Events.OfType<MessageEchoEvent>());
        Assert.Single(host.Recorded.Events.OfType<MessageReceivedEvent>(), m => m.IsSelf);
        Assert.Equal("7241980365028173", echo.CustomerId);
        Assert.Equal(WebhookBodies.Account, echo.SenderId);
        Assert.Equal(["to 7241980365028173: you said Do you ship to Lyon?"], host.Recorded.BotAnswers);
    }

    [Fact]
    public async Task Host_shutdown_drains_every_accepted_event()
    {
        var host = await WebhookTestHost.StartAsync(o => o.MaxConcurrency = 2);
        host.Recorded.DelayMilliseconds = 100;
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("one", $"m_{i}", $"#{i}")))).StatusCode);
        }

        Assert.True(host.Recorded.Count < 10);
        await host.StopAsync();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m_{i}"), host.Recorded.MessageIds);
        Assert.Contains(host.Logs.Lines, l => l.Contains("drained every accepted event", StringComparison.Ordinal));
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Shutdown_stops_waiting_after_the_drain_timeout_and_cancels_the_handlers()
    {
        var host = await WebhookTestHost.StartAsync(o => o.ShutdownDrainTimeout = TimeSpan.FromMilliseconds(300));
        host.Recorded.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_stuck", "never finishes")));
        await Task.Delay(100);
        var watch = Stopwatch.StartNew();

        await host.StopAsync();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopped after {watch.Elapsed}");
        Assert.Empty(host.Recorded.Events);
        Assert.Contains(host.Logs.Lines, l => l.Contains("stopped waiting", StringComparison.Ordinal));
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_handler_gets_a_new_scope_per_event()
    {
        await using var host = await WebhookTestHost.StartAsync(
            handlers: b => b.AddHandler<ScopeHandler>(),
            services: s => s.AddScoped<ScopeHandler.PerScope>());

        await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_1", "a"), WebhookBodies.Message("1", "m_2", "b")));

        await host.Recorded.WaitForAsync(2);
        Assert.Equal(2, host.Recorded.Events.Select(e => e.DedupeKey).Distinct().Count());
        Assert.Equal(2, ScopeHandler.Seen.Distinct().Count());
    }

    [Fact]
    public async Task A_replacement_queue_that_fails_is_retried_and_the_host_keeps_running()
    {
        await using var host = await WebhookTestHost.StartAsync(services: s => s.AddSingleton<IInstagramWebhookQueue, FlakyQueue>());

        var response = await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_1", "after a hiccup")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Recorded.WaitForAsync(1);
        Assert.Contains(host.Logs.Lines, l => l.Contains("could not take the next event", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_2", "still up")))).StatusCode);
        await host.Recorded.WaitForAsync(2);
    }

    // A dedupe store that fails after the event was queued: the delivery is answered 503 (Meta retries it), and the
    // queued event is handled all the same, as is that customer's next event; nothing is left for shutdown to wait on.
    [Fact]
    public async Task A_dedupe_store_that_fails_to_mark_a_queued_event_leaves_it_and_the_customers_next_events_handled()
    {
        using var measurements = new MeasurementRecorder();
        var host = await WebhookTestHost.StartAsync(services: s => s.AddSingleton<IInstagramWebhookDedupeStore, FailingMarkStore>());
        try
        {
            var failed = await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_1", "first")));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            await host.Recorded.WaitForAsync(1, timeoutMilliseconds: 5000);

            var next = await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_2", "second")));
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
            await host.Recorded.WaitForAsync(2, timeoutMilliseconds: 5000);
            Assert.Equal(["m_1", "m_2"], host.Recorded.MessageIds);
            Assert.Contains(host.Logs.Lines, l => l.Contains("the dedupe store or the queue failed", StringComparison.Ordinal));
            Assert.Equal(1, measurements.Sum("instagram.webhooks.rejected", "reason", "store_failure"));
        }
        finally
        {
            var watch = Stopwatch.StartNew();
            await host.DisposeAsync();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopped after {watch.Elapsed}: a lane was left waiting");
        }
    }

    // A durable queue retries or dead-letters only what failed: the dispatcher tells it which handler outcome it was.
    [Fact]
    public async Task The_queue_hears_whether_the_handlers_succeeded_or_failed()
    {
        var queue = new OutcomeRecordingQueue();
        await using var host = await WebhookTestHost.StartAsync(
            handlers: b => b.AddHandler<ThrowingHandler>().AddHandler<RecordingHandler>(),
            services: s => s.AddSingleton<IInstagramWebhookQueue>(queue));

        var response = await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_1", "boom"), WebhookBodies.Message("2", "m_2", "fine")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Recorded.WaitForAsync(2);
        for (var i = 0; i < 200 && queue.Outcomes.Count < 2; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(["ack fine", "failed boom: handler bug"], queue.Outcomes.Order());
    }
}
