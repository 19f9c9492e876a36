using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.Redis.Tests;

// What every receiver's handler saw, shared by the receivers of one test; and what the handler should do: throw on
// texts starting with "poison", throw on the first attempt of texts starting with "flaky", hang on a blocked
// receiver until its host is stopped.
public sealed class HandledEvents
{
    private readonly ConcurrentQueue<(string Receiver, MessageReceivedEvent Event)> _handled = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public ConcurrentDictionary<string, bool> BlockedReceivers { get; } = new();

    public int Started;

    // Every handler start, in order: the message id and which attempt it was.
    public ConcurrentQueue<(string Mid, int Attempt)> Starts { get; } = new();

    public IReadOnlyList<(string Receiver, MessageReceivedEvent Event)> Handled => _handled.ToArray();

    public int Attempts(string mid) => _attempts.GetValueOrDefault(mid);

    public async Task HandleAsync(string receiver, InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var message = (MessageReceivedEvent)webhookEvent;
        var attempt = _attempts.AddOrUpdate(message.MessageId, 1, (_, n) => n + 1);
        Starts.Enqueue((message.MessageId, attempt));
        Interlocked.Increment(ref Started);
        if (BlockedReceivers.ContainsKey(receiver))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (message.Text?.StartsWith("poison", System.StringComparison.Ordinal) == true
            || (message.Text?.StartsWith("flaky", System.StringComparison.Ordinal) == true && attempt == 1))
        {
            throw new System.InvalidOperationException("poison event");
        }

        _handled.Enqueue((receiver, message));
    }

    public bool HandledAll(IEnumerable<string> mids) => mids.All(mid => _handled.Any(h => h.Event.MessageId == mid));
}
