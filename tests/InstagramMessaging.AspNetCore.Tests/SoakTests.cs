using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Xunit;
using Xunit.Abstractions;

namespace InstagramMessaging.AspNetCore.Tests;

public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Events = 10_000;
    private const int Senders = 8;
    private const int CustomersPerSender = 25;

    [Fact]
    public async Task Ten_thousand_events_with_duplicates_reordering_and_batches_are_each_handled_once_in_arrival_order()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var watch = Stopwatch.StartNew();

        // Eight concurrent senders, each with its own customers, so each customer's arrival order is the order its
        // sender posted its events in. Timestamps are shuffled against that order, as Meta's are after failures.
        var senders = await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(() => SendAsync(host, s))));

        var sent = senders.SelectMany(s => s.FirstSent).ToArray();
        await host.Recorded.WaitForAsync(Events, timeoutMilliseconds: 50_000);
        await Task.Delay(300);
        var handled = host.Recorded.Events.Cast<MessageReceivedEvent>().ToArray();
        var deliveries = senders.Sum(s => s.Deliveries);
        var duplicates = senders.Sum(s => s.DuplicateDeliveries);
        output.WriteLine($"{deliveries} deliveries ({duplicates} duplicates, {(double)duplicates / deliveries:P0}), {Events} events, {watch.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(Events, sent.Length);
        Assert.Equal(Events, handled.Length);
        Assert.Equal(sent.Select(e => e.Mid).Order(), handled.Select(e => e.MessageId).Order());
        foreach (var customer in sent.GroupBy(e => e.Customer))
        {
            Assert.Equal(customer.Select(e => e.Mid), handled.Where(e => e.SenderId == customer.Key).Select(e => e.MessageId));
        }

        Assert.InRange((double)duplicates / deliveries, 0.15, 0.30);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    private static async Task<SenderReport> SendAsync(WebhookTestHost host, int sender)
    {
        var random = new Random(sender);
        var remaining = Events / Senders;
        var firstSent = new List<(string Customer, string Mid)>();
        var sentItems = new List<string>();
        var sentBodies = new List<byte[]>();
        var report = new SenderReport(firstSent);
        var serial = 0;

        async Task PostAsync(byte[] body)
        {
            var response = await host.PostAsync(body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            report.Deliveries++;
        }

        while (remaining > 0)
        {
            var items = new List<string>();
            var fresh = Math.Min(remaining, random.Next(1, 6));
            for (var i = 0; i < fresh; i++)
            {
                var customer = $"c{sender}_{random.Next(CustomersPerSender)}";
                var mid = $"m_{sender}_{serial++}";
                var item = WebhookBodies.Message(customer, mid, $"event {mid}", timestamp: 1781520000000 + random.Next(0, 1_000_000));
                items.Add(item);
                firstSent.Add((customer, mid));
                sentItems.Add(item);
            }

            remaining -= fresh;

            // Sometimes an event already delivered rides along again in a new batch.
            if (sentItems.Count > fresh && random.NextDouble() < 0.1)
            {
                items.Insert(random.Next(items.Count + 1), sentItems[random.Next(sentItems.Count - fresh)]);
            }

            var body = WebhookBodies.Delivery(items);
            await PostAsync(body);
            sentBodies.Add(body);

            // A quarter of the time a duplicate delivery follows: an exact retry of an earlier body, or earlier
            // events re-batched into a body of their own.
            if (random.NextDouble() < 0.25)
            {
                var duplicate = random.NextDouble() < 0.5
                    ? sentBodies[random.Next(sentBodies.Count)]
                    : WebhookBodies.Delivery(Enumerable.Range(0, random.Next(1, 4)).Select(_ => sentItems[random.Next(sentItems.Count)]).ToArray());
                await PostAsync(duplicate);
                report.DuplicateDeliveries++;
            }
        }

        return report;
    }

    private sealed class SenderReport(List<(string Customer, string Mid)> firstSent)
    {
        public List<(string Customer, string Mid)> FirstSent { get; } = firstSent;

        public int Deliveries { get; set; }

        public int DuplicateDeliveries { get; set; }
    }
}
