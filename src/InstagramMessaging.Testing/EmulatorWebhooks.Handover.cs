using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

// Handover (spec §4.16): which app owns each customer's thread, the control-change items, and standby routing.
public sealed partial class EmulatorWebhooks
{
    /// <summary>
    /// The app id of the Page Inbox (Meta Business Suite's inbox, where people answer by hand), the usual other owner
    /// of a thread: <c>263902037430900</c>.
    /// </summary>
    public const string PageInboxAppId = "263902037430900";

    // igsid -> owner app id; absent = idle (no owner: the app under test, as primary receiver, gets messaging[]).
    private readonly ConcurrentDictionary<string, string> _threadOwners = new(StringComparer.Ordinal);
    // Raised with the customer's IGSID when their thread changed hands (the page's header shows the owner).
    internal event Action<string>? ThreadOwnerChanged;

    private string _appId = "1" + Random.Shared.NextInt64(10_000_000_000_000, 100_000_000_000_000).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The app under test, the one whose callback receives the deliveries: a thread owned by any other app has its events
    /// delivered in <c>entry.standby[]</c>. A random 15-digit id by default.
    /// </summary>
    public string AppId
    {
        get => _appId;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _appId = value;
        }
    }

    /// <summary>
    /// The app that owns the customer's thread, or null when the thread is idle (no owner; the app under test receives
    /// its events in <c>messaging[]</c>, as the primary receiver does).
    /// </summary>
    /// <param name="igsid">The customer's IGSID.</param>
    public string? ThreadOwner(string igsid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(igsid);
        return _threadOwners.TryGetValue(igsid, out var owner) ? owner : null;
    }

    /// <summary>
    /// The thread's owner passes control of a customer's conversation to another app, and the app under test receives
    /// the <c>pass_thread_control{previous_owner_app_id,new_owner_app_id,metadata}</c> item (in <c>messaging[]</c>).
    /// While an app other than <see cref="AppId"/> owns the thread, that customer's events (echoes included) arrive in
    /// <c>entry.standby[]</c> with the same item shapes (postbacks without <c>payload</c>, as Meta sends them); pass
    /// control to <see cref="AppId"/> to end it.
    /// </summary>
    /// <param name="igsid">The customer whose conversation changes hands.</param>
    /// <param name="newOwnerAppId">The app receiving control, such as <see cref="PageInboxAppId"/> or <see cref="AppId"/>.</param>
    /// <param name="metadata">Free text the passing app adds, such as <c>escalated</c>; omitted when null.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event (its <see cref="SimulatedEvent.MessageId"/> is empty: it names no message).</returns>
    /// <exception cref="InvalidOperationException"><paramref name="newOwnerAppId"/> already owns the thread.</exception>
    public Task<SimulatedEvent> PassThreadControlAsync(string igsid, string newOwnerAppId, string? metadata = null, CancellationToken cancellationToken = default)
        => ChangeThreadOwnerAsync("pass_thread_control", igsid, newOwnerAppId, metadata, cancellationToken);

    /// <summary>
    /// An app takes control of a customer's conversation from its owner (as a primary receiver or the Page Inbox
    /// does), and the app under test receives the <c>take_thread_control{previous_owner_app_id,new_owner_app_id,metadata}</c>
    /// item (in <c>messaging[]</c>). Routing afterwards is as for <see cref="PassThreadControlAsync"/>.
    /// </summary>
    /// <param name="igsid">The customer whose conversation changes hands.</param>
    /// <param name="newOwnerAppId">The app taking control.</param>
    /// <param name="metadata">Free text the taking app adds; omitted when null.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event (its <see cref="SimulatedEvent.MessageId"/> is empty: it names no message).</returns>
    /// <exception cref="InvalidOperationException"><paramref name="newOwnerAppId"/> already owns the thread.</exception>
    public Task<SimulatedEvent> TakeThreadControlAsync(string igsid, string newOwnerAppId, string? metadata = null, CancellationToken cancellationToken = default)
        => ChangeThreadOwnerAsync("take_thread_control", igsid, newOwnerAppId, metadata, cancellationToken);

    private async Task<SimulatedEvent> ChangeThreadOwnerAsync(string key, string igsid, string newOwnerAppId, string? metadata, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(igsid);
        ArgumentException.ThrowIfNullOrWhiteSpace(newOwnerAppId);
        cancellationToken.ThrowIfCancellationRequested();
        string? previous = null;
        _threadOwners.AddOrUpdate(
            igsid,
            _ => newOwnerAppId,
            (_, current) =>
            {
                previous = current;
                return current == newOwnerAppId
                    ? throw new InvalidOperationException($"App {newOwnerAppId} already owns the thread of customer {igsid}; control can only change hands.")
                    : newOwnerAppId;
            });

        ThreadOwnerChanged?.Invoke(igsid);
        var control = new JsonObject { ["previous_owner_app_id"] = previous, ["new_owner_app_id"] = newOwnerAppId };
        if (metadata is not null)
        {
            control["metadata"] = metadata;
        }

        var timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var item = new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = igsid },
            ["recipient"] = new JsonObject { ["id"] = AccountId },
            ["timestamp"] = timestamp,
            [key] = control,
        };

        // Control changes are addressed to the subscribed app itself, so they never go to standby.
        var (delivery, json) = Publish(item, standby: false);
        var simulated = new SimulatedEvent(key, igsid, AccountId, string.Empty, DateTimeOffset.FromUnixTimeMilliseconds(timestamp), json, delivery);
        if (!HoldsEvents)
        {
            await delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return simulated;
    }

    // A customer's event goes to standby while an app other than the one under test owns their thread. The customer is
    // the sender, or the recipient of the account's own messages (echoes).
    private bool InStandby(JsonObject item)
    {
        if (_threadOwners.IsEmpty)
        {
            return false;
        }

        var sender = (item["sender"] as JsonObject)?["id"]?.GetValue<string>();
        var customer = sender == AccountId ? (item["recipient"] as JsonObject)?["id"]?.GetValue<string>() : sender;
        return customer is not null && _threadOwners.TryGetValue(customer, out var owner) && owner != AppId;
    }
}
