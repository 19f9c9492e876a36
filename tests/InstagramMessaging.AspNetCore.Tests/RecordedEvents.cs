using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.AspNetCore.Tests;

// What the test handlers saw, shared with the test through DI (a singleton).
internal sealed class RecordedEvents
{
    private readonly ConcurrentQueue<InstagramWebhookEvent> _events = new();
    private int _running;
    private int _maxRunning;

    public IReadOnlyList<InstagramWebhookEvent> Events => _events.ToArray();

    public ConcurrentQueue<string> BotAnswers { get; } = new();

    /// <summary>Every recording handler call waits this long (simulates a handler that calls the Graph API).</summary>
    public int DelayMilliseconds { get; set; }

    /// <summary>When set, the recording handler waits for it before returning.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, the recording handler blocks its thread on it (a badly written synchronous handler).</summary>
    public ManualResetEventSlim? BlockingGate { get; set; }

    public int MaxConcurrentlyRunning => Volatile.Read(ref _maxRunning);

    public int Count => _events.Count;

    public async ValueTask RecordAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var running = Interlocked.Increment(ref _running);
        int max;
        while (running > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, max) != max)
        {
        }

        try
        {
            if (DelayMilliseconds > 0)
            {
                await Task.Delay(DelayMilliseconds, cancellationToken);
            }

            BlockingGate?.Wait(cancellationToken);
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            _events.Enqueue(webhookEvent);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public async Task WaitForAsync(int count, int timeoutMilliseconds = 20_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMilliseconds);
        while (_events.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public IEnumerable<string> MessageIds => Events.OfType<MessageContentEvent>().Select(e => e.MessageId);
}
