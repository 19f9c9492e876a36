using System;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Remembers which events were already accepted, by <see cref="InstagramWebhookEvent.DedupeKey"/>, so a retried or
/// re-batched delivery is handled once. The endpoint asks <see cref="ContainsAsync"/> before queueing an event and
/// calls <see cref="TryMarkAsync"/> only after the queue kept it: a crash in between can repeat an event, never lose one.
/// The ASP.NET Core package registers an in-memory store (bounded, 48-hour keys); a shared store (Redis) replaces it
/// when several instances receive.
/// </summary>
public interface IInstagramWebhookDedupeStore
{
    /// <summary>Whether <paramref name="key"/> was marked and has not expired.</summary>
    /// <param name="key">The event's dedupe key.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    ValueTask<bool> ContainsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Marks <paramref name="key"/> as seen for <paramref name="lifetime"/>.</summary>
    /// <param name="key">The event's dedupe key.</param>
    /// <param name="lifetime">How long to remember it (Meta retries for up to 36 hours; 48 hours by default).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when the key was new; false when it was already marked and not expired.</returns>
    ValueTask<bool> TryMarkAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken);
}
