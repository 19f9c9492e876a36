namespace InstagramMessaging.Webhooks;

/// <summary>An ig.me link or ad opened an existing conversation (a standalone <c>referral</c>); it reopens the 24-hour window.</summary>
public sealed record ReferralEvent : InstagramWebhookEvent
{
    /// <summary>The referral.</summary>
    public required WebhookReferral Referral { get; init; }

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Referral(AccountId, SenderId, Referral.Ref, Timestamp);
}
