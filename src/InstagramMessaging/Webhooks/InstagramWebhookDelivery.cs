using System.Collections.Generic;

namespace InstagramMessaging.Webhooks;

/// <summary>One parsed webhook POST.</summary>
/// <param name="Object">The body's <c>object</c> (<c>instagram</c> for Instagram deliveries).</param>
/// <param name="Events">Every event of every entry, in delivery order.</param>
public sealed record InstagramWebhookDelivery(string Object, IReadOnlyList<InstagramWebhookEvent> Events)
{
    /// <summary>True when <see cref="Object"/> is <c>instagram</c>. Other objects should be acknowledged and ignored.</summary>
    public bool IsInstagram => Object == "instagram";
}
