using System;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// One event of a webhook delivery: an item of an entry's <c>messaging</c> or <c>standby</c> array, or one of its
/// <c>changes</c>. Match on the derived sealed records (<see cref="MessageReceivedEvent"/>,
/// <see cref="PostbackReceivedEvent"/>, ...); kinds this version does not know arrive as
/// <see cref="UnknownWebhookEvent"/>.
/// </summary>
public abstract record InstagramWebhookEvent
{
    /// <summary>The Instagram professional account the event belongs to (<c>entry.id</c>).</summary>
    public required string AccountId { get; init; }

    /// <summary><c>sender.id</c>: the customer's IGSID, or the account for echoes. Null when Meta left it out (some reads and edits).</summary>
    public string? SenderId { get; init; }

    /// <summary><c>recipient.id</c>: the account, or the customer for echoes. Null when Meta left it out.</summary>
    public string? RecipientId { get; init; }

    /// <summary>When the event happened (the item's <c>timestamp</c>; epoch milliseconds, or seconds in dashboard tests).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>
    /// The key that identifies this event across deliveries (Meta retries and re-batches; the same event inside
    /// two different bodies has one key; an echo and a received message that share a mid do not). Computed from
    /// the event's own fields, on each read; keep keys at least 48 hours.
    /// </summary>
    public abstract string DedupeKey { get; }

    /// <summary>True when the event came in <c>entry.standby</c>: another app owns the conversation (handover protocol).</summary>
    public bool IsStandby { get; init; }

    /// <summary>True for the App Dashboard's "Test" deliveries (account id <c>0</c> or mid <c>random_mid</c>): not a real customer.</summary>
    public bool IsTest { get; init; }

    /// <summary>
    /// The customer this event is about: the sender, or the recipient of an echo. Null when the delivery names
    /// neither (Meta sends some reads and edits without sender and recipient).
    /// </summary>
    public virtual string? CustomerId => SenderId;

    /// <summary>
    /// Where the parser read this event (its item as delivered), so a durable queue can store it and read the same
    /// event back (<see cref="InstagramWebhookEventSerializer"/>). Not part of the event's value: equality ignores it.
    /// </summary>
    internal WebhookEventSource? Source { get; set; }

    /// <inheritdoc />
    public virtual bool Equals(InstagramWebhookEvent? other)
        => ReferenceEquals(this, other)
            || (other is not null
                && EqualityContract == other.EqualityContract
                && AccountId == other.AccountId
                && SenderId == other.SenderId
                && RecipientId == other.RecipientId
                && Timestamp == other.Timestamp
                && IsStandby == other.IsStandby
                && IsTest == other.IsTest);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(EqualityContract, AccountId, SenderId, RecipientId, Timestamp, IsStandby, IsTest);
}
