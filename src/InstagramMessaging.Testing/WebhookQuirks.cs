using System.Text.Json.Nodes;

namespace InstagramMessaging.Testing;

/// <summary>
/// What real Instagram deliveries were seen doing beyond (or against) Meta's documentation, each off by default: turn
/// them on to prove an app copes with them (spec §3, §4.2, §4.14, §9.5). Random choices come from
/// <see cref="WebhookFaults"/>'s seeded sequence. Thread-safe.
/// </summary>
public sealed class WebhookQuirks
{
    /// <summary>
    /// <c>read</c> and <c>message_edit</c> items arrive with no <c>sender</c> and no <c>recipient</c>
    /// (<c>{"timestamp":…,"read":{"mid":"…"}}</c>): the app must find the conversation through the <c>mid</c>.
    /// </summary>
    public bool ReadsAndEditsWithoutSender { get; set; }

    /// <summary>
    /// Each new message from the customer comes with an extra <c>message_edit{mid,num_edit:0}</c> item naming it, with
    /// no <c>text</c> and no sender or recipient, delivered just before or just after the message (half and half): a
    /// "no content change" the app must not treat as an edit, even when it names a message it has not seen yet.
    /// </summary>
    public bool EmptyEditsAroundMessages { get; set; }

    /// <summary>
    /// A post the customer shares (an <c>ig_post</c> attachment) arrives as two attachments, the legacy <c>share</c>
    /// then <c>ig_post</c>, with the same payload, as Meta sent post shares from 2025-11-03 to 2026-04-27.
    /// </summary>
    public bool PostSharesAsTwoAttachments { get; set; }

    /// <summary>Turns every observed quirk on.</summary>
    public void EnableAll()
    {
        ReadsAndEditsWithoutSender = true;
        EmptyEditsAroundMessages = true;
        PostSharesAsTwoAttachments = true;
    }

    // Rewrites a messaging item in place; returns an extra item to deliver beside it (and whether before it), if any.
    internal (JsonObject? Extra, bool ExtraFirst) Apply(JsonObject item, string accountId, WebhookFaults faults)
    {
        var fromCustomer = (item["sender"] as JsonObject)?["id"]?.GetValue<string>() is { } sender && sender != accountId;
        if (ReadsAndEditsWithoutSender && (item.ContainsKey("read") || item.ContainsKey("message_edit")))
        {
            item.Remove("sender");
            item.Remove("recipient");
        }

        if (!fromCustomer || item["message"] is not JsonObject message || message.ContainsKey("is_deleted") || message.ContainsKey("is_echo"))
        {
            return (null, false);
        }

        if (PostSharesAsTwoAttachments && message["attachments"] is JsonArray attachments)
        {
            for (var i = attachments.Count - 1; i >= 0; i--)
            {
                if (attachments[i] is JsonObject { } attachment && attachment["type"]?.GetValue<string>() == "ig_post")
                {
                    attachments.Insert(i, new JsonObject { ["type"] = "share", ["payload"] = attachment["payload"]?.DeepClone() });
                }
            }
        }

        if (!EmptyEditsAroundMessages || message["mid"]?.GetValue<string>() is not { } mid)
        {
            return (null, false);
        }

        var edit = new JsonObject
        {
            ["timestamp"] = item["timestamp"]!.GetValue<long>(),
            ["message_edit"] = new JsonObject { ["mid"] = mid, ["num_edit"] = 0 },
        };
        return (edit, faults.NextInt(2) == 0);
    }
}
