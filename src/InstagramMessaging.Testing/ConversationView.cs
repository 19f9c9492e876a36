using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace InstagramMessaging.Testing;

// Folds a conversation's timeline into what Instagram's DM view shows: one bubble per message (the business's
// sends, refused ones included, and the customer's messages and postbacks), with reactions, edits, deletions,
// quoted replies and seen marks applied, the chips of the last message, typing, and the 24-hour window. The page
// only draws this; tests assert on it through the JSON API.
internal static partial class ConversationView
{
    private static readonly Dictionary<string, string> s_emoji = new(StringComparer.Ordinal)
    {
        ["love"] = "\u2764\ufe0f",
        ["like"] = "\ud83d\udc4d",
        ["laugh"] = "\ud83d\ude06",
        ["wow"] = "\ud83d\ude2e",
        ["sad"] = "\ud83d\ude22",
        ["angry"] = "\ud83d\ude21",
    };

    // Our rule ids for the platform errors that match one of our compile-time rules (see docs/diagnostics).
    private static readonly (string Fragment, string RuleId)[] s_rules =
    {
        ("message[text] is ", "IGM001"),
        ("array of 1 to 10 images", "IGM002"),
        ("attachments take", "IGM003"),
        ("absolute URL", "IGM005"),
        ("absolute url", "IGM005"),
        ("exactly one of text, attachment and attachments", "IGM006"),
        ("only valid with text", "IGM006"),
        ("Only images can be sent together", "IGM007"),
    };

    public static JsonObject Build(GraphApiEmulator emulator, string conversation)
    {
        var entries = emulator.Timeline.Of(conversation);
        // Every webhook about this conversation names the customer (sender or recipient, or their Instagram user id as a
        // comment's from.id): filter once, then by mid.
        var igUserId = emulator.IgUserIdOf(conversation);
        var attempts = emulator.Webhooks.Attempts.Where(a => a.Body.Contains(conversation, StringComparison.Ordinal)
            || (igUserId is not null && a.Body.Contains(igUserId, StringComparison.Ordinal))).ToArray();
        var bubbles = new List<JsonObject>();
        var byMid = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var typing = false;
        foreach (var entry in entries)
        {
            using var document = JsonDocument.Parse(entry.Json);
            var root = document.RootElement;
            if (entry.Side == "business")
            {
                typing = Business(entry, root, bubbles, byMid, typing);
            }
            else
            {
                Customer(entry, root, bubbles, byMid);
            }
        }

        foreach (var bubble in bubbles)
        {
            var mid = (string?)bubble["messageId"] ?? (string?)bubble["commentId"];
            var inspector = bubble["inspector"]!.AsObject();
            var caused = new JsonArray();
            if (mid is not null)
            {
                foreach (var attempt in attempts.Where(a => a.Body.Contains(mid, StringComparison.Ordinal)))
                {
                    caused.Add((JsonNode)Attempt(attempt));
                }
            }

            inspector["webhooks"] = caused;
        }

        var (open, closesAt) = emulator.WindowState(conversation);
        // Chips go when the customer writes; a comment or a link opened into the thread is not writing.
        var last = bubbles.LastOrDefault(b => b["failed"] is null && (string?)b["kind"] is not ("comment" or "referral"));
        var chips = new JsonArray();
        if (last is not null && (string?)last["side"] == "business"
            && last["message"] is JsonObject message && message["quick_replies"] is JsonArray replies)
        {
            foreach (var reply in replies)
            {
                chips.Add((JsonNode)new JsonObject { ["title"] = reply?["title"]?.DeepClone(), ["payload"] = reply?["payload"]?.DeepClone() });
            }
        }

        var array = new JsonArray();
        bubbles.ForEach(b => array.Add((JsonNode)b));
        return new JsonObject
        {
            ["id"] = conversation,
            ["windowOpen"] = open,
            ["windowClosesAt"] = closesAt is { } at ? Iso(at) : null,
            ["now"] = Iso(emulator.Time.GetUtcNow()),
            ["typing"] = typing,
            ["quickReplies"] = chips,
            ["bubbles"] = array,
        };
    }

    public static JsonArray List(GraphApiEmulator emulator)
    {
        var all = emulator.Timeline.All();
        var ids = all.Select(e => e.Conversation).Concat(emulator.KnownCustomers).Distinct(StringComparer.Ordinal);
        var rows = new List<(DateTimeOffset At, JsonObject Row)>();
        foreach (var id in ids)
        {
            var last = all.LastOrDefault(e => e.Conversation == id && e.Kind is "message" or "postback" or "refused");
            var at = last?.Time ?? DateTimeOffset.MinValue;
            rows.Add((at, new JsonObject
            {
                ["id"] = id,
                ["lastSide"] = last?.Side,
                ["lastText"] = last is null ? null : Preview(last),
                ["lastTime"] = last is null ? null : Iso(at),
                ["windowOpen"] = emulator.WindowState(id).Open,
            }));
        }

        var array = new JsonArray();
        foreach (var (_, row) in rows.OrderByDescending(r => r.At))
        {
            array.Add((JsonNode)row);
        }

        return array;
    }

    public static JsonObject Attempt(WebhookDeliveryAttempt attempt)
    {
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(attempt.Body);
        }
        catch (JsonException)
        {
            body = attempt.Body;
        }

        return new JsonObject
        {
            ["delivery"] = attempt.DeliveryNumber,
            ["attempt"] = attempt.AttemptNumber,
            ["target"] = attempt.Target,
            ["status"] = attempt.StatusCode,
            ["succeeded"] = attempt.Succeeded,
            ["latencyMs"] = Math.Round(attempt.Latency.TotalMilliseconds, 1),
            ["error"] = attempt.Error,
            ["startedAt"] = Iso(attempt.StartedAt),
            ["events"] = attempt.EventCount,
            ["signature"] = attempt.Headers.TryGetValue("X-Hub-Signature-256", out var signature) ? signature : null,
            ["body"] = body,
        };
    }

    public static string? RuleId(string message)
    {
        if (RuleIdPattern().Match(message) is { Success: true } named)
        {
            return named.Value;
        }

        return s_rules.FirstOrDefault(r => message.Contains(r.Fragment, StringComparison.Ordinal)).RuleId;
    }

    private static bool Business(TimelineEntry entry, JsonElement root, List<JsonObject> bubbles, Dictionary<string, JsonObject> byMid, bool typing)
    {
        switch (entry.Kind)
        {
            case "message":
            {
                var bubble = NewBubble(entry, "business", root);
                var message = root.GetProperty("message");
                bubble["kind"] = BusinessKind(message);
                bubble["message"] = JsonNode.Parse(message.GetRawText());
                bubble["text"] = message.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
                Quote(bubble, root, byMid);
                PrivateReply(bubble, root);
                Add(bubble, bubbles, byMid);
                return false;
            }

            case "refused":
            {
                var bubble = NewBubble(entry, "business", root);
                if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
                {
                    bubble["kind"] = BusinessKind(message);
                    bubble["message"] = JsonNode.Parse(message.GetRawText());
                    bubble["text"] = message.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
                }
                else
                {
                    bubble["kind"] = "action";
                    bubble["text"] = root.TryGetProperty("sender_action", out var action) ? "sender_action " + action : null;
                }

                PrivateReply(bubble, root);
                bubble["failed"] = Failure(entry);
                bubbles.Add(bubble);
                return typing;
            }

            default: // a sender action
            {
                var action = root.TryGetProperty("sender_action", out var a) ? a.GetString() : null;
                var payload = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
                var mid = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("message_id", out var m) ? m.GetString() : null;
                switch (action)
                {
                    case "typing_on":
                        return true;
                    case "typing_off":
                        return false;
                    case "mark_seen":
                        if (bubbles.LastOrDefault(b => (string?)b["side"] == "customer" && (string?)b["kind"] != "comment") is { } seen)
                        {
                            seen["seen"] = true;
                        }

                        return typing;
                    case "react" when mid is not null && byMid.TryGetValue(mid, out var reacted):
                        var reaction = payload.TryGetProperty("reaction", out var r) ? r.GetString() ?? "love" : "love";
                        Reactions(reacted)["business"] = s_emoji.TryGetValue(reaction, out var emoji) ? emoji : reaction;
                        return typing;
                    case "unreact" when mid is not null && byMid.TryGetValue(mid, out var unreacted):
                        Reactions(unreacted).Remove("business");
                        return typing;
                    default:
                        return typing;
                }
            }
        }
    }

    private static void Customer(TimelineEntry entry, JsonElement root, List<JsonObject> bubbles, Dictionary<string, JsonObject> byMid)
    {
        if (entry.Kind is "comments" or "live_comments")
        {
            Comment(entry, root, bubbles);
            return;
        }

        if (!root.TryGetProperty(entry.Kind, out var content) || content.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var mid = content.TryGetProperty("mid", out var m) ? m.GetString() : null;
        var target = mid is not null && byMid.TryGetValue(mid, out var found) ? found : null;
        switch (entry.Kind)
        {
            case "message" when content.TryGetProperty("is_deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True:
                if (target is not null)
                {
                    target["deleted"] = true;
                    target["text"] = null;
                    target["kind"] = "deleted";
                }

                break;
            case "message":
            {
                var bubble = NewBubble(entry, "customer", root);
                bubble["message"] = JsonNode.Parse(content.GetRawText());
                bubble["text"] = content.TryGetProperty("text", out var text) ? text.GetString() : null;
                bubble["kind"] = content.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array && attachments.GetArrayLength() > 0
                    ? (attachments[0].TryGetProperty("type", out var type) ? type.GetString() : "attachment")
                    : content.TryGetProperty("quick_reply", out _) ? "quick_reply" : "text";
                Quote(bubble, content, byMid);
                Referral(bubble, content);
                Add(bubble, bubbles, byMid);
                break;
            }

            case "referral": // an ig.me link opened into this thread: no message, a line in the conversation
            {
                var bubble = NewBubble(entry, "customer", root);
                bubble["messageId"] = null; // it names no message
                bubble["kind"] = "referral";
                bubble["message"] = new JsonObject { ["referral"] = JsonNode.Parse(content.GetRawText()) };
                Referral(bubble, root);
                bubbles.Add(bubble);
                break;
            }

            case "postback":
            {
                var bubble = NewBubble(entry, "customer", root);
                bubble["kind"] = "postback";
                bubble["message"] = JsonNode.Parse(content.GetRawText());
                bubble["text"] = content.TryGetProperty("title", out var title) ? title.GetString() : null;
                Referral(bubble, content);
                Add(bubble, bubbles, byMid);
                break;
            }

            case "message_edit" when target is not null:
                target["text"] = content.TryGetProperty("text", out var edited) ? edited.GetString() : null;
                target["edits"] = content.TryGetProperty("num_edit", out var count) && count.TryGetInt32(out var n) ? n : 1;
                AddCause(target, entry);
                break;
            case "reaction" when target is not null:
                if (content.TryGetProperty("action", out var action) && action.GetString() == "unreact")
                {
                    Reactions(target).Remove("customer");
                }
                else
                {
                    Reactions(target)["customer"] = content.TryGetProperty("emoji", out var emoji) ? emoji.GetString() : "\u2764\ufe0f";
                }

                AddCause(target, entry);
                break;
            case "read" when target is not null:
                foreach (var bubble in bubbles.Where(b => (string?)b["side"] == "business" && b["failed"] is null))
                {
                    bubble["seen"] = true;
                    if (ReferenceEquals(bubble, target))
                    {
                        break;
                    }
                }

                break;
        }
    }

    private static JsonObject NewBubble(TimelineEntry entry, string side, JsonElement root)
    {
        var inspector = new JsonObject
        {
            ["request"] = JsonNode.Parse(root.GetRawText()),
            ["answer"] = entry.Answer is { Length: > 0 } answer ? Parse(answer) : null,
            ["status"] = entry.Status,
            ["bodyFormat"] = entry.Side == "business" ? entry.BodyFormat.ToString() : null,
            ["events"] = new JsonArray(),
        };
        return new JsonObject
        {
            ["seq"] = entry.Sequence,
            ["side"] = side,
            ["messageId"] = entry.MessageId,
            ["time"] = Iso(entry.Time),
            ["tokenInUrl"] = entry.TokenInUrl,
            ["reactions"] = new JsonObject(),
            ["seen"] = false,
            ["inspector"] = inspector,
        };
    }

    private static void Add(JsonObject bubble, List<JsonObject> bubbles, Dictionary<string, JsonObject> byMid)
    {
        bubbles.Add(bubble);
        if ((string?)bubble["messageId"] is { } mid)
        {
            byMid[mid] = bubble;
        }
    }

    // A later event about the bubble (edit, reaction) is shown in its inspector too.
    private static void AddCause(JsonObject bubble, TimelineEntry entry)
        => bubble["inspector"]!["events"]!.AsArray().Add((JsonNode?)Parse(entry.Json));

    private static JsonObject Reactions(JsonObject bubble) => bubble["reactions"]!.AsObject();

    private static void Quote(JsonObject bubble, JsonElement holder, Dictionary<string, JsonObject> byMid)
    {
        if (holder.TryGetProperty("reply_to", out var story) && story.ValueKind == JsonValueKind.Object
            && story.TryGetProperty("story", out var s) && s.ValueKind == JsonValueKind.Object)
        {
            Story(bubble, story);
        }
        else if (holder.TryGetProperty("reply_to", out var reply) && reply.ValueKind == JsonValueKind.Object
            && reply.TryGetProperty("mid", out var mid) && mid.GetString() is { } quoted)
        {
            var original = byMid.TryGetValue(quoted, out var found) ? found : null;
            bubble["replyTo"] = new JsonObject
            {
                ["messageId"] = quoted,
                ["side"] = original?["side"]?.DeepClone(),
                ["preview"] = original is null ? "Message unavailable" : (string?)original["text"] ?? Describe((string?)original["kind"]),
            };
        }
    }

    // A story reply quotes the story, as Instagram shows it above the reply.
    private static void Story(JsonObject bubble, JsonElement reply)
    {
        var story = reply.GetProperty("story");
        var link = story.TryGetProperty("link_sticker_url", out var sticker) && sticker.ValueKind == JsonValueKind.String ? " (link " + sticker.GetString() + ")" : string.Empty;
        bubble["replyTo"] = new JsonObject
        {
            ["storyId"] = story.TryGetProperty("id", out var id) ? id.GetString() : null,
            ["side"] = "business",
            ["preview"] = "Replied to your story" + link,
        };
    }

    // Where the thread came from (message.referral, postback.referral, or a standalone referral): a label under the bubble.
    private static void Referral(JsonObject bubble, JsonElement holder)
    {
        if (!holder.TryGetProperty("referral", out var referral) || referral.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        string? Text(JsonElement from, string name) => from.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var reference = Text(referral, "ref") is { } r ? " \u00b7 ref " + r : string.Empty;
        if (Text(referral, "source") == "ADS")
        {
            var title = referral.TryGetProperty("ads_context_data", out var context) && context.ValueKind == JsonValueKind.Object ? Text(context, "ad_title") : null;
            bubble["note"] = "From ad " + (title ?? Text(referral, "ad_id") ?? string.Empty) + reference;
        }
        else if (referral.TryGetProperty("product", out var product) && product.ValueKind == JsonValueKind.Object)
        {
            bubble["note"] = "From product " + Text(product, "id");
        }
        else
        {
            bubble["note"] = "Opened an ig.me link" + reference;
        }
    }

    // A private reply sits in the commenter's conversation, labelled with the comment it answers (Instagram shows a
    // link to the post above it).
    private static void PrivateReply(JsonObject bubble, JsonElement root)
    {
        if (GraphApiEmulator.CommentIdOf(root) is { } commentId)
        {
            bubble["privateReplyTo"] = commentId;
            bubble["note"] = "Private reply to comment " + commentId;
        }
    }

    // A comment on one of the account's posts is not a DM: shown in the commenter's conversation, labelled, with no
    // message tools (its id is a comment id, not a mid).
    private static void Comment(TimelineEntry entry, JsonElement root, List<JsonObject> bubbles)
    {
        if (!root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var bubble = NewBubble(entry, "customer", root);
        bubble["messageId"] = null;
        bubble["commentId"] = entry.MessageId;
        bubble["kind"] = "comment";
        bubble["text"] = value.TryGetProperty("text", out var text) ? text.GetString() : null;
        var media = value.TryGetProperty("media", out var m) && m.TryGetProperty("id", out var id) ? id.GetString() : null;
        bubble["note"] = (value.TryGetProperty("parent_id", out _) ? "Reply to a comment on post " : "Comment on post ") + media;
        bubbles.Add(bubble);
    }

    private static JsonObject Failure(TimelineEntry entry)
    {
        var failure = new JsonObject { ["status"] = entry.Status, ["dropped"] = entry.Dropped };
        if (entry.Answer is { Length: > 0 } answer)
        {
            try
            {
                using var document = JsonDocument.Parse(answer);
                if (document.RootElement.TryGetProperty("error", out var error))
                {
                    var message = error.TryGetProperty("message", out var text) ? text.GetString() ?? string.Empty : string.Empty;
                    failure["code"] = error.TryGetProperty("code", out var code) ? code.GetInt32() : null;
                    failure["subcode"] = error.TryGetProperty("error_subcode", out var subcode) ? subcode.GetInt32() : null;
                    failure["message"] = message;
                    failure["transient"] = error.TryGetProperty("is_transient", out var transient) && transient.ValueKind == JsonValueKind.True;
                    failure["ruleId"] = RuleId(message);
                }
            }
            catch (JsonException)
            {
                failure["message"] = answer;
            }
        }
        else
        {
            failure["message"] = "The connection was dropped before an answer.";
        }

        return failure;
    }

    private static string BusinessKind(JsonElement message)
    {
        if (message.TryGetProperty("attachments", out var many) && many.ValueKind == JsonValueKind.Array)
        {
            return many.GetArrayLength() > 1 ? "carousel" : "image";
        }

        if (message.TryGetProperty("attachment", out var one) && one.ValueKind == JsonValueKind.Object
            && one.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
        {
            var name = type.GetString()!;
            if (name == "template" && one.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
                && payload.TryGetProperty("template_type", out var templateType) && templateType.ValueKind == JsonValueKind.String)
            {
                return templateType.GetString()! + "_template";
            }

            return name switch
            {
                "MEDIA_SHARE" => "media_share",
                "like_heart" => "heart",
                _ => name,
            };
        }

        return message.TryGetProperty("quick_replies", out _) ? "quick_replies" : "text";
    }

    private static string Preview(TimelineEntry entry)
    {
        try
        {
            using var document = JsonDocument.Parse(entry.Json);
            var root = document.RootElement;
            var prefix = entry.Kind == "refused" ? "Failed: " : string.Empty;
            var holder = entry.Side == "business"
                ? (root.TryGetProperty("message", out var m) ? m : default)
                : (root.TryGetProperty(entry.Kind, out var c) ? c : default);
            if (holder.ValueKind == JsonValueKind.Object)
            {
                if (holder.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    return prefix + text.GetString();
                }

                if (holder.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
                {
                    return prefix + title.GetString();
                }

                return prefix + Describe(entry.Side == "business" ? BusinessKind(holder) : "attachment");
            }

            return prefix + entry.Kind;
        }
        catch (JsonException)
        {
            return entry.Kind;
        }
    }

    private static string Describe(string? kind) => kind switch
    {
        "image" => "Photo",
        "carousel" => "Photos",
        "audio" => "Voice message",
        "video" => "Video",
        "file" => "File",
        "media_share" => "Shared post",
        "heart" => "\u2764\ufe0f",
        "deleted" => "Unsent message",
        null => "Message",
        _ when kind.EndsWith("_template", StringComparison.Ordinal) => "Template",
        _ => "Attachment",
    };

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"IGM\d{3}", RegexOptions.CultureInvariant)]
    private static partial Regex RuleIdPattern();
}
