using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace InstagramMessaging.Testing;

// What the emulator keeps for tests to assert on: the latest requests, every recipient's conversation and the
// sender actions, each safe to read while requests arrive.
internal sealed class EmulatorState
{
    private readonly ConcurrentDictionary<string, List<EmulatedMessage>> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<EmulatedRequest> _requests = new();
    private readonly ConcurrentQueue<EmulatedAction> _actions = new();
    private int _maxRecordedRequests = 1000;

    public int MaxRecordedRequests
    {
        get => _maxRecordedRequests;
        set => _maxRecordedRequests = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The number of recorded requests cannot be negative.");
    }

    public IReadOnlyList<EmulatedRequest> Requests => _requests.ToArray();

    public IReadOnlyList<EmulatedAction> Actions => _actions.ToArray();

    public void Record(EmulatedRequest request)
    {
        _requests.Enqueue(request);
        while (_requests.Count > _maxRecordedRequests && _requests.TryDequeue(out _))
        {
        }
    }

    public void Record(EmulatedAction action) => _actions.Enqueue(action);

    public void Deliver(EmulatedMessage message)
    {
        var conversation = _conversations.GetOrAdd(message.RecipientId, _ => new List<EmulatedMessage>());
        lock (conversation)
        {
            conversation.Add(message);
        }
    }

    public IReadOnlyList<EmulatedMessage> Conversation(string recipientId)
    {
        if (!_conversations.TryGetValue(recipientId, out var list))
        {
            return Array.Empty<EmulatedMessage>();
        }

        lock (list)
        {
            return list.ToArray();
        }
    }

    public IReadOnlyList<EmulatedMessage> DeliveredMessages()
    {
        var all = new List<EmulatedMessage>();
        foreach (var list in _conversations.Values)
        {
            lock (list)
            {
                all.AddRange(list);
            }
        }

        return all.OrderBy(m => m.DeliveredAt).ToArray();
    }
}
