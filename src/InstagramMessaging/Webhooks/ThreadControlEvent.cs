namespace InstagramMessaging.Webhooks;

/// <summary>A change of who owns the conversation (field <c>messaging_handover</c>).</summary>
public sealed record ThreadControlEvent : InstagramWebhookEvent
{
    /// <summary>Pass, take or request.</summary>
    public ThreadControlAction Action { get; init; }

    /// <summary><c>previous_owner_app_id</c>; null for an idle thread.</summary>
    public string? PreviousOwnerAppId { get; init; }

    /// <summary><c>new_owner_app_id</c>.</summary>
    public string? NewOwnerAppId { get; init; }

    /// <summary><c>requested_owner_app_id</c> (requests only).</summary>
    public string? RequestedOwnerAppId { get; init; }

    /// <summary><c>metadata</c>: free text from the other app.</summary>
    public string? Metadata { get; init; }

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Other(AccountId, Action.ToString(), SenderId, Timestamp);
}
