using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;

namespace InstagramMessaging.Testing;

// The customer's half of the conversation: simulated users, webhook delivery, echoes of the business's sends.
public sealed partial class GraphApiEmulator
{
    private readonly ConcurrentDictionary<string, SimulatedUser> _users = new(StringComparer.Ordinal);
    private EmulatorWebhooks? _webhooks;

    /// <summary>
    /// Webhook delivery to the app: where to post (<c>DeliverTo</c>), the secret and verify token, retries, faults and
    /// the record of every attempt. Nothing is posted until <c>DeliverTo</c> is called.
    /// </summary>
    public EmulatorWebhooks Webhooks => LazyInitializer.EnsureInitialized(ref _webhooks, NewWebhooks);

    /// <summary>
    /// The customer with this Instagram-scoped id, who writes, taps, reacts, reads, edits and deletes; each action
    /// becomes a webhook delivered as Meta would. The same id always gives the same user.
    /// </summary>
    /// <param name="igsid">The customer's IGSID, such as one from <see cref="NewUserId"/>; the business sends to it.</param>
    public SimulatedUser User(string igsid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(igsid);
        return _users.GetOrAdd(igsid, id => new SimulatedUser(this, id));
    }

    /// <summary>A new realistic Instagram-scoped user id (15 to 17 digits) for <see cref="User"/>.</summary>
    public string NewUserId() => MetaIds.Igsid();

    internal TimeProvider Time => _time;

    // Message ids as Meta makes them: opaque, about 160 characters, embedding the account.
    internal string NewMessageId() => MetaIds.MessageId(Webhooks.AccountId);

    // Called after every accepted message send: the platform echoes it to the account's webhook.
    internal void OnMessageSent(EmulatedMessage message)
    {
        // Every send of the account is echoed (spec 4.6), a private reply too: to the commenter's IGSID it went to.
        if (_webhooks is not { DeliverEchoes: true, HasTarget: true } webhooks)
        {
            return;
        }

        var content = new JsonObject { ["mid"] = message.MessageId };
        if (message.Body.TryGetProperty("message", out var sent) && sent.ValueKind == JsonValueKind.Object)
        {
            if (sent.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                content["text"] = text.GetString();
            }

            var attachments = new JsonArray();
            if (sent.TryGetProperty("attachment", out var one) && one.ValueKind == JsonValueKind.Object)
            {
                attachments.Add((JsonNode)EchoAttachment(one));
            }

            if (sent.TryGetProperty("attachments", out var many) && many.ValueKind == JsonValueKind.Array)
            {
                foreach (var attachment in many.EnumerateArray())
                {
                    attachments.Add((JsonNode)EchoAttachment(attachment));
                }
            }

            if (attachments.Count > 0)
            {
                content["attachments"] = attachments;
            }
        }

        if (message.ReplyToMessageId is { } replyTo)
        {
            content["reply_to"] = new JsonObject { ["mid"] = replyTo };
        }

        content["is_echo"] = true;
        var item = new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = webhooks.AccountId },
            ["recipient"] = new JsonObject { ["id"] = message.RecipientId },
            ["timestamp"] = message.DeliveredAt.ToUnixTimeMilliseconds(),
            ["message"] = content,
        };
        webhooks.Publish(item);
    }

    // What the customer can tap: quick replies the business sent this user.
    internal List<OfferedPayload> OfferedQuickReplies(string igsid)
    {
        var offered = new List<OfferedPayload>();
        foreach (var message in Conversation(igsid))
        {
            if (message.Body.TryGetProperty("message", out var sent) && sent.ValueKind == JsonValueKind.Object
                && sent.TryGetProperty("quick_replies", out var replies) && replies.ValueKind == JsonValueKind.Array)
            {
                foreach (var reply in replies.EnumerateArray())
                {
                    AddOffer(offered, reply, "title");
                }
            }
        }

        return offered;
    }

    // What the customer can press: postback buttons of templates sent to this user, ice breakers and the persistent menu.
    internal List<OfferedPayload> OfferedPostbacks(string igsid)
    {
        var offered = new List<OfferedPayload>();
        foreach (var message in Conversation(igsid))
        {
            if (message.Body.TryGetProperty("message", out var sent) && sent.ValueKind == JsonValueKind.Object
                && sent.TryGetProperty("attachment", out var attachment) && attachment.ValueKind == JsonValueKind.Object
                && attachment.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object)
            {
                AddButtons(offered, payload);
                if (payload.TryGetProperty("elements", out var elements) && elements.ValueKind == JsonValueKind.Array)
                {
                    foreach (var element in elements.EnumerateArray())
                    {
                        AddButtons(offered, element);
                    }
                }
            }
        }

        foreach (var (payload, title) in _profile.OfferedPostbacks())
        {
            offered.Add(new OfferedPayload(payload, title));
        }

        return offered;
    }

    private static void AddButtons(List<OfferedPayload> offered, JsonElement holder)
    {
        if (holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("buttons", out var buttons) && buttons.ValueKind == JsonValueKind.Array)
        {
            foreach (var button in buttons.EnumerateArray())
            {
                if (button.ValueKind == JsonValueKind.Object && button.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "postback")
                {
                    AddOffer(offered, button, "title");
                }
            }
        }
    }

    private static void AddOffer(List<OfferedPayload> offered, JsonElement holder, string titleName)
    {
        if (holder.ValueKind == JsonValueKind.Object
            && holder.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.String
            && holder.TryGetProperty(titleName, out var title) && title.ValueKind == JsonValueKind.String)
        {
            offered.Add(new OfferedPayload(payload.GetString()!, title.GetString()!));
        }
    }

    // Meta re-hosts what the business sent: the echo shows a CDN URL, not the URL or attachment id of the request.
    private static JsonObject EchoAttachment(JsonElement sent)
    {
        var type = sent.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "unknown";
        var payload = sent.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        switch (type)
        {
            case "template":
                return new JsonObject { ["type"] = "template", ["payload"] = JsonNode.Parse(payload.GetRawText()) };
            case "MEDIA_SHARE":
                var postId = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("id", out var id) ? id.GetString() ?? MetaIds.MediaId() : MetaIds.MediaId();
                return new JsonObject
                {
                    ["type"] = "ig_post",
                    ["payload"] = new JsonObject { ["url"] = MetaIds.CdnUrl(postId), ["ig_post_media_id"] = postId },
                };
            case "like_heart":
                return new JsonObject { ["type"] = "like_heart" };
            default:
                return new JsonObject { ["type"] = type, ["payload"] = new JsonObject { ["url"] = MetaIds.CdnUrl(MetaIds.MediaId()) } };
        }
    }
}
