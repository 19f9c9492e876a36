using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit;

namespace InstagramMessaging.Redis.Tests;

public sealed class WebhookQueueTests
{
    // Two instances behind one callback URL: deliveries land on either, 20% of them twice (on both at once, as a
    // retry racing its original). Every event is handled exactly once, and each customer's events in order.
    [RedisFact]
    public async Task Two_receivers_with_duplicate_deliveries_handle_every_event_once_in_customer_order()
    {
        using var server = new RedisServer();
        var events = new HandledEvents();
        await using var a = await Receiver.StartAsync("A", server.Configuration, "dup", events);
        await using var b = await Receiver.StartAsync("B", server.Configuration, "dup", events);
        await WaitUntil(() => a.Queue.HeldPartitions > 0 && b.Queue.HeldPartitions > 0 && a.Queue.HeldPartitions + b.Queue.HeldPartitions == 8, "the receivers to share the partitions");

        var items = new List<(string Mid, string Item)>();
        for (var n = 0; n < 15; n++)
        {
            for (var customer = 0; customer < 20; customer++)
            {
                var mid = $"m-{customer}-{n}";
                items.Add((mid, Receiver.Message($"c{customer}", mid, $"seq {n}", 1781520015000 + n)));
            }
        }

        var random = new Random(7);
        var receivers = new[] { a, b };
        var duplicates = 0;
        foreach (var delivery in items.Chunk(3))
        {
            var body = Receiver.Delivery(delivery.Select(i => i.Item).ToArray());
            var first = random.Next(2);
            var posts = new List<Task<System.Net.Http.HttpResponseMessage>> { receivers[first].PostAsync(body) };
            if (random.NextDouble() < 0.2)
            {
                duplicates++;
                posts.Add(receivers[1 - first].PostAsync(body));
            }

            foreach (var response in await Task.WhenAll(posts))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        await WaitUntil(() => events.HandledAll(items.Select(i => i.Mid)), "every event to be handled", TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        var handled = events.Handled;
        Assert.True(duplicates >= 10, $"only {duplicates} duplicate deliveries");
        Assert.Equal(items.Count, handled.Count);
        Assert.Equal(items.Count, handled.Select(h => h.Event.MessageId).Distinct().Count());
        Assert.Contains(handled, h => h.Receiver == "A");
        Assert.Contains(handled, h => h.Receiver == "B");
        foreach (var customer in handled.GroupBy(h => h.Event.SenderId))
        {
            var order = customer.Select(h => int.Parse(h.Event.Text!["seq ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(Enumerable.Range(0, 15), order);
        }
    }

    // A receiver dies while its handlers run (nothing acknowledged, leases not handed back): once its leases
    // expire, the other receiver claims its pending events and handles every one of them.
    [RedisFact]
    public async Task A_receiver_killed_mid_handling_has_its_events_handled_by_the_other()
    {
        using var server = new RedisServer();
        var events = new HandledEvents();
        events.BlockedReceivers["A"] = true;
        var a = await Receiver.StartAsync("A", server.Configuration, "kill", events);
        try
        {
            await WaitUntil(() => a.Queue.HeldPartitions == 8, "A to hold every partition");
            var mids = Enumerable.Range(0, 10).Select(i => $"k-{i}").ToArray();
            var response = await a.PostAsync(Receiver.Delivery(mids.Select((mid, i) => Receiver.Message($"c{i}", mid, "hello", 1781520015000)).ToArray()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await WaitUntil(() => Volatile.Read(ref events.Started) >= 5, "A to be handling events");

            a.Queue.Crash();
            await using var b = await Receiver.StartAsync("B", server.Configuration, "kill", events);
            await WaitUntil(() => events.HandledAll(mids), "B to handle A's events", TimeSpan.FromSeconds(20));
            Assert.All(events.Handled, h => Assert.Equal("B", h.Receiver));
            Assert.Equal(mids.Length, events.Handled.Count);
        }
        finally
        {
            await a.DisposeAsync();
        }
    }

    // A failed event keeps its customer's place: the customer's later events wait until it succeeded on its retry
    // (c1) or was dead-lettered (c3), while other customers' events run meanwhile (c2).
    [RedisFact]
    public async Task A_retried_event_runs_before_its_customers_later_events()
    {
        using var server = new RedisServer();
        var events = new HandledEvents();
        await using var receiver = await Receiver.StartAsync("A", server.Configuration, "order", events, o =>
        {
            o.MaxAttempts = 3;
            o.RetryDelay = TimeSpan.FromMilliseconds(1500);
        });

        // On a cold, loaded machine the first lease round and the first handler can take longer than a retry delay;
        // the order under test is the queue's, so it starts with every partition held and every path run once.
        await receiver.WarmUpAsync(events);
        async Task PostAsync(params string[] items) => Assert.Equal(HttpStatusCode.OK, (await receiver.PostAsync(Receiver.Delivery(items))).StatusCode);
        await PostAsync(
            Receiver.Message("c1", "c1-1", "flaky first", 1781520015000),
            Receiver.Message("c3", "c3-1", "poison first", 1781520015000));
        await PostAsync(Receiver.Message("c1", "c1-2", "second", 1781520015001), Receiver.Message("c3", "c3-2", "second", 1781520015001));
        await PostAsync(Receiver.Message("c1", "c1-3", "third", 1781520015002), Receiver.Message("c2", "c2-1", "other customer", 1781520015002));

        await WaitUntil(() => events.HandledAll(["c1-1", "c1-2", "c1-3", "c2-1", "c3-2"]), "every event but the poison to be handled", TimeSpan.FromSeconds(20));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        Assert.Equal(1, redis.GetDatabase().StreamLength("order:webhooks:dead"));
        var starts = events.Starts.ToList();
        int Start(string mid, int attempt = 1) => starts.IndexOf((mid, attempt)) is >= 0 and var i ? i : throw new InvalidOperationException($"{mid} attempt {attempt} never started: {string.Join(", ", starts)}");
        var log = string.Join(", ", starts);
        Assert.True(Start("c1-2") > Start("c1-1", 2), log);
        Assert.True(Start("c1-3") > Start("c1-2"), log);
        Assert.True(Start("c3-2") > Start("c3-1", 3), log);
        Assert.True(Start("c2-1") < Start("c1-1", 2), $"another customer's event waited for the retry: {log}");
        Assert.Equal(["c1-1", "c1-2", "c1-3"], events.Handled.Where(h => h.Event.SenderId == "c1").Select(h => h.Event.MessageId));
        Assert.Equal(2, events.Attempts("c1-1"));
        Assert.Equal(1, events.Attempts("c1-2"));
        Assert.Equal(1, events.Attempts("c3-2"));
    }

    // An event whose handler keeps failing is retried, then moved to the dead-letter stream after MaxAttempts,
    // counted in telemetry; the other events are handled.
    [RedisFact]
    public async Task An_event_that_keeps_failing_goes_to_the_dead_letter_stream_after_max_attempts()
    {
        using var server = new RedisServer();
        var events = new HandledEvents();
        long deadLettered = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "instagram.webhooks.dead_lettered")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref deadLettered, value));
        listener.Start();
        await using var receiver = await Receiver.StartAsync("A", server.Configuration, "dead", events, o => o.MaxAttempts = 3);
        var response = await receiver.PostAsync(Receiver.Delivery(
            Receiver.Message("c1", "poison-1", "poison pill", 1781520015000),
            Receiver.Message("c2", "fine-1", "hello", 1781520015000)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var database = redis.GetDatabase();
        await WaitUntil(() => database.StreamLength("dead:webhooks:dead") == 1, "the dead-letter entry", TimeSpan.FromSeconds(15));
        var entry = database.StreamRange("dead:webhooks:dead").Single();
        Assert.Equal("handler_failed", (string?)entry["reason"]);
        Assert.Equal(3, (int)entry["attempts"]);
        var dead = Assert.IsType<MessageReceivedEvent>(InstagramWebhookEventSerializer.Deserialize((byte[])entry["event"]!));
        Assert.Equal("poison-1", dead.MessageId);
        Assert.Equal(3, events.Attempts("poison-1"));
        await Task.Delay(700);
        Assert.Equal(3, events.Attempts("poison-1"));
        Assert.Equal(1, Interlocked.Read(ref deadLettered));
        Assert.True(events.HandledAll(["fine-1"]));
        Assert.Equal(1, events.Attempts("fine-1"));
    }

    // Redis down: the endpoint answers 503 (it cannot keep the event, so Meta retries), quickly, and the dedupe
    // record fails open; when Redis is back, the retried delivery is kept and handled.
    [RedisFact]
    public async Task The_endpoint_answers_503_while_Redis_is_down_and_keeps_the_retry_when_it_returns()
    {
        using var server = new RedisServer();
        var events = new HandledEvents();
        await using var receiver = await Receiver.StartAsync("A", server.Configuration, "down", events);
        await receiver.WarmUpAsync(events); // the 503's time is measured, not the first request's JIT
        server.Stop();
        var body = Receiver.Delivery(Receiver.Message("c1", "retry-1", "hello", 1781520015000));
        var started = Stopwatch.GetTimestamp();
        var response = await receiver.PostAsync(body);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1), $"503 took {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");

        var dedupe = receiver.Services.GetRequiredService<IInstagramWebhookDedupeStore>();
        Assert.False(await dedupe.ContainsAsync("any", CancellationToken.None));
        Assert.True(await dedupe.TryMarkAsync("any", TimeSpan.FromMinutes(1), CancellationToken.None));

        server.Start();
        await WaitUntil(async () => (await receiver.PostAsync(body)).StatusCode == HttpStatusCode.OK, "the retried delivery to be kept", TimeSpan.FromSeconds(10));
        await WaitUntil(() => events.HandledAll(["retry-1"]), "the event to be handled");
        Assert.Single(events.Handled, h => h.Event.MessageId == "retry-1");
    }

    [Fact]
    public async Task Options_are_validated_when_the_host_starts()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => Receiver.StartAsync("A", "127.0.0.1:1", "invalid", new HandledEvents(), o => o.Partitions = 0));
        Assert.Contains("Partitions", error.Message);
    }

    internal static Task WaitUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
        => WaitUntil(() => Task.FromResult(condition()), what, timeout);

    // A condition that must await (an HTTP call, say): never blocked on, so no pool thread is held while it runs.
    internal static async Task WaitUntil(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(25);
        }
    }
}
