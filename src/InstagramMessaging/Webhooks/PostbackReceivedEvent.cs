namespace InstagramMessaging.Webhooks;

/// <summary>The customer pressed a postback button: an ice breaker, a template button or a persistent-menu item.</summary>
public sealed record PostbackReceivedEvent : InstagramWebhookEvent
{
    /// <summary><c>postback.mid</c> (Graph v11+); null when absent.</summary>
    public string? MessageId { get; init; }

    /// <summary>The button's title.</summary>
    public string? Title { get; init; }

    /// <summary>The button's payload; null in <c>standby</c> deliveries, which carry none.</summary>
    public string? Payload { get; init; }

    /// <summary><c>postback.referral</c>: the ig.me link that opened a new thread with an ice breaker.</summary>
    public WebhookReferral? Referral { get; init; }

    /// <summary><c>postback.is_self</c>: the account pressed its own button (self messaging); false when absent.</summary>
    public bool IsSelf { get; init; }

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Postback(AccountId, MessageId, SenderId, Timestamp, Payload);
}
