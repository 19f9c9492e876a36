using System;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Xunit;

namespace InstagramMessaging.AspNetCore.Tests;

public sealed class InMemoryWebhookQueueTests
{
    private static MessageReceivedEvent Event(string mid) => new() { AccountId = "1", SenderId = "2", MessageId = mid };

    [Fact]
    public async Task Capacity_counts_events_until_they_are_acknowledged_not_until_they_are_taken()
    {
        var queue = new InMemoryWebhookQueue(2);
        Assert.True(await queue.TryEnqueueAsync(Event("a"), default));
        Assert.True(await queue.TryEnqueueAsync(Event("b"), default));
        Assert.False(await queue.TryEnqueueAsync(Event("c"), default));

        var first = await queue.DequeueAsync(default);
        Assert.False(await queue.TryEnqueueAsync(Event("c"), default));
        await queue.AcknowledgeAsync(first!, default);
        Assert.True(await queue.TryEnqueueAsync(Event("c"), default));
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public async Task After_Complete_it_refuses_new_events_and_hands_out_the_kept_ones_then_null()
    {
        var queue = new InMemoryWebhookQueue(10);
        await queue.TryEnqueueAsync(Event("a"), default);
        await queue.TryEnqueueAsync(Event("b"), default);

        queue.Complete();

        Assert.False(await queue.TryEnqueueAsync(Event("c"), default));
        Assert.Equal("a", ((MessageReceivedEvent)(await queue.DequeueAsync(default))!.Event).MessageId);
        Assert.Equal("b", ((MessageReceivedEvent)(await queue.DequeueAsync(default))!.Event).MessageId);
        Assert.Null(await queue.DequeueAsync(default).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
