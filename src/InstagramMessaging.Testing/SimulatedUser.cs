using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

/// <summary>
/// A customer of the Instagram account, played by the emulator: every action becomes the webhook event Meta would
/// deliver to the app (see <see cref="EmulatorWebhooks"/>). Get one from <see cref="GraphApiEmulator.User"/>.
/// </summary>
/// <remarks>
/// The customer can only do what Instagram lets a person do: tap quick replies and press postback buttons the business
/// offered them, react to, read and reply to messages of their conversation, edit (up to 5 times) and delete their own
/// messages. Anything else throws <see cref="InvalidOperationException"/> naming what was possible, which is how a test
/// finds a bot that routes a payload it never sends. Writing (a message or a postback) opens the 24-hour window.
/// Each action's task completes when its event was delivered or given up, unless batching or reordering holds
/// events back (then use <see cref="EmulatorWebhooks.FlushAsync"/>). Thread-safe.
/// </remarks>
public sealed class SimulatedUser
{
    private const int MaxEdits = 5;
    private static readonly Dictionary<string, string> s_emoji = new(StringComparer.Ordinal)
    {
        ["love"] = "\u2764\ufe0f",
        ["like"] = "\ud83d\udc4d",
        ["laugh"] = "\ud83d\ude06",
        ["wow"] = "\ud83d\ude2e",
        ["sad"] = "\ud83d\ude22",
        ["angry"] = "\ud83d\ude21",
    };

    private readonly GraphApiEmulator _emulator;
    private readonly object _gate = new();
    private readonly Dictionary<string, CustomerMessage> _sent = new(StringComparer.Ordinal);

    internal SimulatedUser(GraphApiEmulator emulator, string id)
    {
        _emulator = emulator;
        Id = id;
    }

    /// <summary>The customer's Instagram-scoped id (IGSID): <c>sender.id</c> of their events, the recipient of the business's sends.</summary>
    public string Id { get; }

    /// <summary>The quick-reply payloads the business has sent this customer, oldest first.</summary>
    public IReadOnlyList<string> OfferedQuickReplies => _emulator.OfferedQuickReplies(Id).Select(o => o.Payload).Distinct().ToArray();

    /// <summary>The postback payloads this customer can press: template buttons sent to them, ice breakers and the persistent menu.</summary>
    public IReadOnlyList<string> OfferedPostbacks => _emulator.OfferedPostbacks(Id).Select(o => o.Payload).Distinct().ToArray();

    /// <summary>Writes a text message.</summary>
    /// <param name="text">What the customer types; any Unicode, emoji included.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the new message's mid.</returns>
    public Task<SimulatedEvent> SendTextAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var mid = NewCustomerMessage();
        return EmitAsync("message", mid, new JsonObject { ["mid"] = mid, ["text"] = text }, opensWindow: true, cancellationToken);
    }

    /// <summary>Sends an attachment, which reaches the app as a lookaside CDN URL, as Meta delivers it.</summary>
    /// <param name="type">
    /// The attachment type as Meta names it: <c>image</c>, <c>video</c>, <c>audio</c>, <c>file</c>, <c>ig_reel</c>,
    /// <c>reel</c>, <c>ig_post</c>, <c>share</c>, <c>story_mention</c>, <c>ig_story</c>, <c>ephemeral</c>,
    /// <c>unsupported_type</c>, <c>template</c>, or any other (the set is open).
    /// </param>
    /// <param name="url">The URL the app receives; a new CDN URL when null.</param>
    /// <param name="title">The caption, for reels and posts.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the new message's mid.</returns>
    public Task<SimulatedEvent> SendAttachmentAsync(string type = "image", Uri? url = null, string? title = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var mid = NewCustomerMessage();
        var attachment = new JsonObject { ["type"] = type };
        var mediaId = MetaIds.MediaId();
        var link = url?.ToString() ?? MetaIds.CdnUrl(mediaId);
        switch (type)
        {
            case "ephemeral":
                break; // view-once media: Meta delivers no URL
            case "template":
                attachment["payload"] = new JsonObject();
                break;
            case "ig_story" or "story":
                attachment["payload"] = new JsonObject { ["story_media_id"] = mediaId, ["story_media_url"] = link };
                break;
            case "ig_reel" or "reel":
                attachment["payload"] = WithTitle(new JsonObject { ["url"] = link }, title);
                attachment["payload"]!["reel_video_id"] = mediaId;
                break;
            case "ig_post" or "share":
                attachment["payload"] = WithTitle(new JsonObject { ["url"] = link }, title);
                attachment["payload"]!["ig_post_media_id"] = mediaId;
                break;
            default:
                attachment["payload"] = new JsonObject { ["url"] = link };
                break;
        }

        return EmitAsync("message", mid, new JsonObject { ["mid"] = mid, ["attachments"] = new JsonArray(attachment) }, opensWindow: true, cancellationToken);
    }

    /// <summary>Taps a quick reply the business sent this customer: a message whose text is the button's title.</summary>
    /// <param name="payload">The quick reply's payload.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the new message's mid.</returns>
    /// <exception cref="InvalidOperationException">The business never offered this customer that payload; the message names those it did.</exception>
    public Task<SimulatedEvent> TapQuickReplyAsync(string payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(payload);
        var offer = Find(_emulator.OfferedQuickReplies(Id), payload, "quick reply", "quick replies sent to this customer");
        var mid = NewCustomerMessage();
        var content = new JsonObject { ["mid"] = mid, ["text"] = offer.Title, ["quick_reply"] = new JsonObject { ["payload"] = offer.Payload } };
        return EmitAsync("message", mid, content, opensWindow: true, cancellationToken);
    }

    /// <summary>Presses a postback button: a generic or button template's button sent to this customer, an ice breaker or a persistent-menu item.</summary>
    /// <param name="payload">The button's payload.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the postback's mid.</returns>
    /// <exception cref="InvalidOperationException">Nothing offered this customer that payload; the message names those that were.</exception>
    public Task<SimulatedEvent> PressPostbackAsync(string payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(payload);
        var offer = Find(_emulator.OfferedPostbacks(Id), payload, "postback", "template buttons sent to this customer, ice breakers and persistent menu");
        var mid = _emulator.NewMessageId();
        var content = new JsonObject { ["mid"] = mid, ["title"] = offer.Title, ["payload"] = offer.Payload };
        return EmitAsync("postback", mid, content, opensWindow: true, cancellationToken);
    }

    /// <summary>Reacts to a message of the conversation; a new reaction replaces the customer's previous one.</summary>
    /// <param name="messageId">The message reacted to: the business's or the customer's own.</param>
    /// <param name="reaction">Meta's reaction name: <c>love</c>, <c>like</c>, <c>laugh</c>, <c>wow</c>, <c>sad</c>, <c>angry</c> or <c>other</c>.</param>
    /// <param name="emoji">The exact emoji; by default the one the reaction name stands for (required for <c>other</c>).</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the message reacted to.</returns>
    public Task<SimulatedEvent> ReactAsync(string messageId, string reaction = "love", string? emoji = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reaction);
        RequireInConversation(messageId, "react to");
        emoji ??= s_emoji.TryGetValue(reaction, out var known) ? known
            : throw new ArgumentException($"Give the emoji for the reaction '{reaction}'; only {string.Join(", ", s_emoji.Keys)} have a default.", nameof(emoji));
        var content = new JsonObject { ["mid"] = messageId, ["action"] = "react", ["reaction"] = reaction, ["emoji"] = emoji };
        return EmitAsync("reaction", messageId, content, opensWindow: false, cancellationToken);
    }

    /// <summary>Removes the customer's reaction from a message.</summary>
    /// <param name="messageId">The message.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the message.</returns>
    public Task<SimulatedEvent> UnreactAsync(string messageId, CancellationToken cancellationToken = default)
    {
        RequireInConversation(messageId, "unreact to");
        return EmitAsync("reaction", messageId, new JsonObject { ["mid"] = messageId, ["action"] = "unreact" }, opensWindow: false, cancellationToken);
    }

    /// <summary>Reads the business's messages up to this one (a <c>messaging_seen</c> read receipt).</summary>
    /// <param name="messageId">The last message read: one the business sent this customer.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the message read.</returns>
    public Task<SimulatedEvent> ReadAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        if (!SentByBusiness(messageId))
        {
            throw new InvalidOperationException($"Customer {Id} can only read messages the business sent them; '{messageId}' is not one.");
        }

        return EmitAsync("read", messageId, new JsonObject { ["mid"] = messageId }, opensWindow: false, cancellationToken);
    }

    /// <summary>Edits one of the customer's own messages (Instagram allows 5 edits).</summary>
    /// <param name="messageId">The customer's message.</param>
    /// <param name="text">The new text.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the edited message.</returns>
    public Task<SimulatedEvent> EditAsync(string messageId, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        int edits;
        lock (_gate)
        {
            var own = RequireOwnLocked(messageId, "edit");
            if (own.Edits >= MaxEdits)
            {
                throw new InvalidOperationException($"Message '{messageId}' was already edited {MaxEdits} times, the most Instagram allows.");
            }

            edits = ++own.Edits;
        }

        var content = new JsonObject { ["mid"] = messageId, ["text"] = text, ["num_edit"] = edits };
        return EmitAsync("message_edit", messageId, content, opensWindow: false, cancellationToken);
    }

    /// <summary>Deletes (unsends) one of the customer's own messages.</summary>
    /// <param name="messageId">The customer's message.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the deleted message.</returns>
    public Task<SimulatedEvent> DeleteAsync(string messageId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            RequireOwnLocked(messageId, "delete").Deleted = true;
        }

        return EmitAsync("message", messageId, new JsonObject { ["mid"] = messageId, ["is_deleted"] = true }, opensWindow: false, cancellationToken);
    }

    /// <summary>Replies inline to a message of the conversation (the business's or the customer's own).</summary>
    /// <param name="messageId">The message quoted.</param>
    /// <param name="text">The reply.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery.</param>
    /// <returns>The event, whose <see cref="SimulatedEvent.MessageId"/> is the reply's new mid.</returns>
    public Task<SimulatedEvent> ReplyToAsync(string messageId, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var own = RequireInConversation(messageId, "reply to");
        var mid = NewCustomerMessage();
        var content = new JsonObject
        {
            ["mid"] = mid,
            ["text"] = text,
            ["reply_to"] = new JsonObject { ["mid"] = messageId, ["is_self_reply"] = own },
        };
        return EmitAsync("message", mid, content, opensWindow: true, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => "Simulated customer " + Id;

    private async Task<SimulatedEvent> EmitAsync(string key, string messageId, JsonObject content, bool opensWindow, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var webhooks = _emulator.Webhooks;
        var timestamp = _emulator.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var item = new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = Id },
            ["recipient"] = new JsonObject { ["id"] = webhooks.AccountId },
            ["timestamp"] = timestamp,
            [key] = content,
        };
        if (opensWindow)
        {
            _emulator.OpenWindow(Id);
        }

        var (delivery, json) = webhooks.Publish(item);
        var simulated = new SimulatedEvent(key, Id, webhooks.AccountId, messageId, DateTimeOffset.FromUnixTimeMilliseconds(timestamp), json, delivery);
        _emulator.OnCustomerEvent(simulated);
        if (!webhooks.HoldsEvents)
        {
            await delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return simulated;
    }

    private string NewCustomerMessage()
    {
        var mid = _emulator.NewMessageId();
        lock (_gate)
        {
            _sent[mid] = new CustomerMessage();
        }

        return mid;
    }

    private CustomerMessage RequireOwnLocked(string messageId, string verb)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        if (!_sent.TryGetValue(messageId, out var own))
        {
            throw new InvalidOperationException($"Customer {Id} can only {verb} their own messages; '{messageId}' is not one.");
        }

        if (own.Deleted)
        {
            throw new InvalidOperationException($"Message '{messageId}' was deleted; it cannot be changed.");
        }

        return own;
    }

    // Returns whether the message is the customer's own.
    private bool RequireInConversation(string messageId, string verb)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        lock (_gate)
        {
            if (_sent.TryGetValue(messageId, out var own))
            {
                return !own.Deleted ? true : throw new InvalidOperationException($"Message '{messageId}' was deleted; customer {Id} cannot {verb} it.");
            }
        }

        return SentByBusiness(messageId)
            ? false
            : throw new InvalidOperationException($"Customer {Id} can only {verb} messages of their conversation; '{messageId}' is not one.");
    }

    private bool SentByBusiness(string messageId) => _emulator.Conversation(Id).Any(m => m.MessageId == messageId);

    private OfferedPayload Find(List<OfferedPayload> offered, string payload, string what, string where)
    {
        // The newest offer wins when the same payload was offered with different titles.
        if (offered.LastOrDefault(o => o.Payload == payload) is { } offer)
        {
            return offer;
        }

        var names = offered.Select(o => "'" + o.Payload + "'").Distinct().ToArray();
        throw new InvalidOperationException(names.Length == 0
            ? $"Customer {Id} cannot use the {what} payload '{payload}': nothing offered them any ({where})."
            : $"Customer {Id} cannot use the {what} payload '{payload}': it was never offered to them. Offered ({where}): {string.Join(", ", names)}.");
    }

    private static JsonObject WithTitle(JsonObject payload, string? title)
    {
        if (title is not null)
        {
            payload["title"] = title;
        }

        return payload;
    }
}
