using System;
using System.Collections.Generic;

namespace InstagramMessaging.Webhooks;

/// <summary>Settings of the webhook endpoint (<c>services.AddInstagramWebhooks(options => ...)</c>).</summary>
public sealed class InstagramWebhookOptions
{
    /// <summary>
    /// The verify token typed into Meta's App Dashboard with the callback URL; the GET handshake answers 200 only
    /// when Meta sends it back. Null refuses every handshake (already subscribed callbacks keep working).
    /// </summary>
    public string? VerifyToken { get; set; }

    /// <summary>
    /// The secrets that may sign deliveries: the Instagram app secret (Instagram Login), the Meta app secret
    /// (Facebook Login), or an old and a new one during a rotation. At least one is required.
    /// </summary>
    public IList<string> AppSecrets { get; } = new List<string>();

    /// <summary>The largest body accepted, in bytes (413 above it). 4 MiB by default: Meta batches up to 1000 updates.</summary>
    public long MaxBodySize { get; set; } = 4 * 1024 * 1024;

    /// <summary>How many customers' events are handled at the same time (one customer's events always one by one). 16 by default.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>How many accepted events may wait for (or be in) their handlers; above it deliveries get 503 and Meta retries. 10,000 by default.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How long an event's dedupe key is remembered. 48 hours by default (Meta retries for up to 36 hours).</summary>
    public TimeSpan DedupeLifetime { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// How many keys the in-memory dedupe store keeps; the oldest go first when it is full. 100,000 by default
    /// (under 10 MB: each key is kept as a 128-bit hash, not as its text). Keys last the whole <see cref="DedupeLifetime"/>
    /// only while events arrive slower than this capacity over that lifetime (0.58 per second at the defaults); the keys
    /// let go earlier are counted in <c>instagram.webhooks.dedupe.evicted_early</c> and the first is logged as a warning.
    /// Ignored when another <see cref="IInstagramWebhookDedupeStore"/> is registered.
    /// </summary>
    public int DedupeCapacity { get; set; } = 100_000;

    /// <summary>
    /// On host shutdown, how long to wait for accepted events to be handled before cancelling the handlers (also
    /// bounded by the host's own shutdown timeout). 30 seconds by default.
    /// </summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
