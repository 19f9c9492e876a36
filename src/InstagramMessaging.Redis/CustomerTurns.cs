using System;
using System.Collections.Generic;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.Redis;

// One partition's per-customer order: a customer has at most one event out of the queue (handed out, or failed and
// due a retry); the customer's later events, read from the stream meanwhile, wait here in stream order until that
// one is acknowledged or dead-lettered.
internal sealed class CustomerTurns
{
    // Per customer, the event out of the queue (handed out, or failed and due a retry) and the later ones read
    // behind it; and which customer each such event belongs to.
    private readonly Dictionary<string, CustomerTurn> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _customerOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);

    public bool IsWaiting(string entryId)
    {
        lock (_customers)
        {
            return _waiting.Contains(entryId);
        }
    }

    // True when the entry may go out now: its customer has nothing out, or it is the customer's event out (a retry).
    public bool TryTakeTurn(string? customer, string entryId, InstagramWebhookQueueItem item, byte[] data)
    {
        if (customer is null)
        {
            return true;
        }

        lock (_customers)
        {
            if (!_customers.TryGetValue(customer, out var turn))
            {
                _customers[customer] = new CustomerTurn(entryId);
                _customerOf[entryId] = customer;
                return true;
            }

            if (turn.Current == entryId)
            {
                return true;
            }

            if (_waiting.Add(entryId))
            {
                turn.Waiting.Enqueue((entryId, item, data));
            }

            return false;
        }
    }

    // The entry is done: the next waiting event of its customer, now that customer's turn, if any.
    public (InstagramWebhookQueueItem Item, byte[] Data)? NextTurn(string entryId)
    {
        lock (_customers)
        {
            if (!_customerOf.Remove(entryId, out var customer) || !_customers.TryGetValue(customer, out var turn) || turn.Current != entryId)
            {
                return null;
            }

            if (!turn.Waiting.TryDequeue(out var next))
            {
                _customers.Remove(customer);
                return null;
            }

            _waiting.Remove(next.EntryId);
            turn.Current = next.EntryId;
            _customerOf[next.EntryId] = customer;
            return (next.Item, next.Data);
        }
    }

    // A partition given back or taken over: the next holder rebuilds the order from the pending entries.
    public void ForgetOrder()
    {
        lock (_customers)
        {
            _customers.Clear();
            _customerOf.Clear();
            _waiting.Clear();
        }
    }

    private sealed class CustomerTurn(string current)
    {
        public string Current { get; set; } = current;

        public Queue<(string EntryId, InstagramWebhookQueueItem Item, byte[] Data)> Waiting { get; } = new();
    }
}
