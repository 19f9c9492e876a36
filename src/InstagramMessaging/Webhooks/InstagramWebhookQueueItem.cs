using System;

namespace InstagramMessaging.Webhooks;

/// <summary>An event handed out by an <see cref="IInstagramWebhookQueue"/>, to be acknowledged after its handlers ran.</summary>
public sealed class InstagramWebhookQueueItem
{
    /// <summary>Creates an item.</summary>
    /// <param name="webhookEvent">The event.</param>
    /// <param name="id">The queue's own id for the item (a stream entry id, for example), or null.</param>
    public InstagramWebhookQueueItem(InstagramWebhookEvent webhookEvent, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        Event = webhookEvent;
        Id = id;
    }

    /// <summary>The event.</summary>
    public InstagramWebhookEvent Event { get; }

    /// <summary>The queue's own id for the item, or null when it needs none.</summary>
    public string? Id { get; }
}
