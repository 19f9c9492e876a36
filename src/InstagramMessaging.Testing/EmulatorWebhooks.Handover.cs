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

    /// <summary>
    /// Another app asks the thread's owner for a customer's conversation (as a secondary receiver or the Page Inbox
    /// does), and the app under test, as primary receiver, receives the
    /// <c>request_thread_control{requested_owner_app_id,metadata}</c> item (in <c>messaging[]</c>). A request changes
    /// nothing: the owner answers it by passing control (<see cref="PassThreadControlAsync"/>) or not at all. The item is
    /// addressed to the thread's owner (Messenger's handover reference), so it is delivered only while the thread is idle
    /// or owned by <see cref="AppId"/>.
    /// </summary>
    /// <param name="igsid">The customer whose conversation is asked for.</param>
    /// <param name="requestedOwnerAppId">The app asking for control, such as <see cref="PageInboxAppId"/>.</param>
    /// <param name="metadata">Free text the asking app adds, such as <c>customer asked for a human</c>; omitted when null.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event (its <see cref="SimulatedEvent.MessageId"/> is empty: it names no message).</returns>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="requestedOwnerAppId"/> already owns the thread, or is <see cref="AppId"/> (the app under test asks
    /// through the Graph API; its own request is not delivered back to it), or another app owns the thread (the request
    /// would go to that owner, not to the app under test).
    /// </exception>
    public async Task<SimulatedEvent> RequestThreadControlAsync(string igsid, string requestedOwnerAppId, string? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(igsid);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedOwnerAppId);
        cancellationToken.ThrowIfCancellationRequested();
        if (requestedOwnerAppId == AppId)
        {
            throw new InvalidOperationException($"App {requestedOwnerAppId} is the app under test (AppId): it asks for control through the Graph API, and Meta delivers request_thread_control only to the thread's owner, never back to the app asking.");
        }

        if (ThreadOwner(igsid) == requestedOwnerAppId)
        {
            throw new InvalidOperationException($"App {requestedOwnerAppId} already owns the thread of customer {igsid}; only another app can ask for it.");
        }

        if (ThreadOwner(igsid) is { } owner && owner != AppId)
        {
            throw new InvalidOperationException($"App {owner} owns the thread of customer {igsid}: Meta addresses request_thread_control to the thread's owner, so the app under test (AppId) would not receive it. Ask while the thread is idle or owned by AppId.");
        }

        var request = new JsonObject { ["requested_owner_app_id"] = requestedOwnerAppId };
        if (metadata is not null)
        {
            request["metadata"] = metadata;
        }

        return await PublishControlAsync("request_thread_control", igsid, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The app that owns a customer's thread (a person answering in the Page Inbox, say) writes to the customer, and the
    /// app under test receives the echo (<c>message.is_echo</c>, sender the account, recipient the customer) in
    /// <c>entry.standby[]</c>, as Meta routes it. The app under test itself cannot send while it does not own the
    /// thread: its Send API calls are refused with code 100, subcode 2534037.
    /// </summary>
    /// <remarks>
    /// Only the echo is played: the message is not one the app under test sent, so it is not among the emulator's
    /// sent messages. No echo is delivered while <see cref="DeliverEchoes"/> is off.
    /// </remarks>
    /// <param name="igsid">The customer, whose thread an app other than <see cref="AppId"/> owns.</param>
    /// <param name="text">The text the owning app's person writes.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>
    /// The echo: <see cref="SimulatedEvent.Kind"/> <c>message</c>, <see cref="SimulatedEvent.SenderId"/> the account
    /// (<see cref="AccountId"/>) and a new <see cref="SimulatedEvent.MessageId"/>.
    /// </returns>
    /// <exception cref="InvalidOperationException">
    /// The thread is idle or owned by <see cref="AppId"/>: then the app under test is the one that writes, through the
    /// Send API.
    /// </exception>
    public async Task<SimulatedEvent> ThreadOwnerSendsAsync(string igsid, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(igsid);
        ArgumentException.ThrowIfNullOrEmpty(text);
        cancellationToken.ThrowIfCancellationRequested();
        var owner = ThreadOwner(igsid);
        if (owner is null || owner == AppId)
        {
            throw new InvalidOperationException($"The thread of customer {igsid} is {(owner is null ? "idle" : "owned by the app under test (AppId)")}: the app under test writes through the Send API. Pass control to another app (PassThreadControlAsync) first.");
        }

        var timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var messageId = MetaIds.MessageId(AccountId);
        var item = new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = AccountId },
            ["recipient"] = new JsonObject { ["id"] = igsid },
            ["timestamp"] = timestamp,
            ["message"] = new JsonObject { ["mid"] = messageId, ["text"] = text, ["is_echo"] = true },
        };

        var (delivery, json) = DeliverEchoes
            ? Publish(item, standby: true)
            : (Task.FromResult(WebhookDeliveryOutcome.NotDelivered), WebhookBodyWriter.Write(item, escapeNonAscii: true, spaced: false));
        var simulated = new SimulatedEvent("message", AccountId, AccountId, messageId, DateTimeOffset.FromUnixTimeMilliseconds(timestamp), json, delivery);
        if (!HoldsEvents)
        {
            await delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return simulated;
    }

    /// <summary>
    /// The account's admin changes which app plays a handover role (Conversation Routing in the account's settings), and
    /// the app under test receives the <c>app_roles{"&lt;app_id&gt;":["&lt;role&gt;"]}</c> item (in <c>messaging[]</c>),
    /// written as Messenger's handover reference shows it: <c>recipient</c> (the account) and <c>timestamp</c>, no
    /// <c>sender</c>, since no customer is involved. It names the role only: thread ownership and standby routing
    /// (<see cref="ThreadOwner"/>) do not change.
    /// </summary>
    /// <param name="appId">The app given the role, such as <see cref="AppId"/>.</param>
    /// <param name="role">The role: <c>primary_receiver</c> by default (an open set; Messenger also names <c>secondary_receiver</c>).</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>
    /// The event: <see cref="SimulatedEvent.Kind"/> <c>app_roles</c>, an empty <see cref="SimulatedEvent.SenderId"/> and
    /// <see cref="SimulatedEvent.MessageId"/>.
    /// </returns>
    public async Task<SimulatedEvent> AssignAppRoleAsync(string appId, string role = "primary_receiver", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        cancellationToken.ThrowIfCancellationRequested();
        var timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var item = new JsonObject
        {
            ["recipient"] = new JsonObject { ["id"] = AccountId },
            ["timestamp"] = timestamp,
            ["app_roles"] = new JsonObject { [appId] = new JsonArray(role) },
        };

        var (delivery, json) = Publish(item, standby: false);
        var simulated = new SimulatedEvent("app_roles", string.Empty, AccountId, string.Empty, DateTimeOffset.FromUnixTimeMilliseconds(timestamp), json, delivery);
        if (!HoldsEvents)
        {
            await delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return simulated;
    }

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

        return await PublishControlAsync(key, igsid, control, cancellationToken).ConfigureAwait(false);
    }

    // A handover item about one customer's thread, addressed to the app under test.
    private async Task<SimulatedEvent> PublishControlAsync(string key, string igsid, JsonObject control, CancellationToken cancellationToken)
    {
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
