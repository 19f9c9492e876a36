namespace InstagramMessaging.Webhooks;

/// <summary>
/// An event this version does not model (for example <c>optin</c>, or a key Meta adds later),
/// kept with its raw JSON so nothing is lost.
/// </summary>
public sealed record UnknownWebhookEvent : InstagramWebhookEvent
{
    /// <summary>The event's key in the item (such as <c>optin</c>), or <c>changes/&lt;field&gt;</c> for a change.</summary>
    public required string Kind { get; init; }

    /// <summary>The whole item (or change) as JSON text, exactly as delivered.</summary>
    public required string RawJson { get; init; }

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Unknown(AccountId, Kind, SenderId, RawJson);
}
