using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace InstagramMessaging.Webhooks;

// One pass over the body with Utf8JsonReader: no DOM, no reflection, no intermediate objects; only the events and
// their strings are allocated. Keys may arrive in any order, so an entry's arrays are read later when they come
// before its id, and a change's value is read after its field name is known.
internal ref struct WebhookBodyReader
{
    private readonly ReadOnlySpan<byte> _body;
    private readonly bool _keepItems;
    private WebhookEventBuffer _events;
    private WebhookStringTable _strings;

    public WebhookBodyReader(ReadOnlySpan<byte> body, bool keepItems = false)
    {
        _body = body;
        _keepItems = keepItems;
        _events = default;
        _strings = new WebhookStringTable(body);
    }

    private enum ArrayKind : byte
    {
        Messaging,
        Standby,
        Changes,
    }

    // An item's keys: the event kinds share WebhookItemKind's values, so the key is the kind.
    private enum ItemKey : byte
    {
        Message = (byte)WebhookItemKind.Message,
        MessageEdit = (byte)WebhookItemKind.MessageEdit,
        Reaction = (byte)WebhookItemKind.Reaction,
        Read = (byte)WebhookItemKind.Read,
        Postback = (byte)WebhookItemKind.Postback,
        Referral = (byte)WebhookItemKind.Referral,
        PassThreadControl = (byte)WebhookItemKind.PassThreadControl,
        TakeThreadControl = (byte)WebhookItemKind.TakeThreadControl,
        RequestThreadControl = (byte)WebhookItemKind.RequestThreadControl,
        AppRoles = (byte)WebhookItemKind.AppRoles,
        Sender = 100,
        Recipient,
        Timestamp,
        Other,
    }

    // The keys of a message object.
    private enum MessageKey : byte
    {
        Other,
        Mid,
        Text,
        Attachments,
        QuickReply,
        ReplyTo,
        Referral,
        IsEcho,
        IsDeleted,
        IsUnsupported,
        IsSelf,
        AppId,
        Metadata,
    }

    // The keys of the flat event objects (reaction, postback, read, edit, handover).
    private enum FlatKey : byte
    {
        Other,
        Mid,
        Text,
        NumEdit,
        Title,
        Payload,
        Action,
        Reaction,
        Emoji,
        Watermark,
        Referral,
        PreviousOwnerAppId,
        NewOwnerAppId,
        RequestedOwnerAppId,
        Metadata,
        IsSelf,
    }

    public InstagramWebhookDelivery Read()
    {
        try
        {
            return ReadBody();
        }
        finally
        {
            _events.Return();
        }
    }

    private InstagramWebhookDelivery ReadBody()
    {
        var reader = new Utf8JsonReader(_body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InstagramWebhookFormatException("The webhook body is not a JSON object.");
        }

        string? objectName = null;
        var sawEntries = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                objectName = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("instagram"u8) ? "instagram" : WebhookJson.CurrentString(ref reader);
            }
            else if (reader.ValueTextEquals("entry"u8))
            {
                if (!WebhookJson.EnterArray(ref reader))
                {
                    throw new InstagramWebhookFormatException("The webhook body's \"entry\" is not an array.");
                }

                sawEntries = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        ReadEntry(ref reader, _body);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                WebhookJson.SkipValue(ref reader);
            }
        }

        // Anything after the root object is malformed (the reader throws on it).
        reader.Read();
        if (objectName is null)
        {
            throw new InstagramWebhookFormatException("The webhook body has no \"object\" string.");
        }

        if (!sawEntries)
        {
            throw new InstagramWebhookFormatException("The webhook body has no \"entry\" array.");
        }

        return new InstagramWebhookDelivery(objectName, _events.ToArrayAndReturn());
    }

    private void ReadEntry(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        string? accountId = null;
        long? time = null;
        List<(int Start, int End, ArrayKind Kind)>? deferred = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ArrayKind kind;
            if (reader.ValueTextEquals("id"u8))
            {
                accountId = WebhookJson.ReadString(ref reader);
                continue;
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                time = WebhookJson.ReadInt64(ref reader);
                continue;
            }
            else if (reader.ValueTextEquals("messaging"u8))
            {
                kind = ArrayKind.Messaging;
            }
            else if (reader.ValueTextEquals("standby"u8))
            {
                kind = ArrayKind.Standby;
            }
            else if (reader.ValueTextEquals("changes"u8))
            {
                kind = ArrayKind.Changes;
            }
            else
            {
                WebhookJson.SkipValue(ref reader);
                continue;
            }

            if (!WebhookJson.EnterArray(ref reader))
            {
                continue;
            }

            // The arrays' events need the entry's id and time; Meta sends both first, but keys may come in any order.
            if (accountId is null || time is null || deferred is not null)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                (deferred ??= new()).Add((start, (int)reader.BytesConsumed, kind));
            }
            else
            {
                ReadArray(ref reader, source, accountId, time, kind);
            }
        }

        if (deferred is null)
        {
            return;
        }

        foreach (var (start, end, kind) in deferred)
        {
            var slice = source[start..end];
            var sub = new Utf8JsonReader(slice);
            sub.Read();
            ReadArray(ref sub, slice, accountId ?? string.Empty, time, kind);
        }
    }

    private void ReadArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, string accountId, long? entryTime, ArrayKind kind)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
            }
            else if (kind == ArrayKind.Changes)
            {
                ReadChange(ref reader, source, accountId, entryTime);
            }
            else
            {
                ReadItem(ref reader, source, accountId, entryTime, kind == ArrayKind.Standby);
            }
        }
    }

    private void ReadItem(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, string accountId, long? entryTime, bool standby)
    {
        var itemStart = (int)reader.TokenStartIndex;
        var f = default(WebhookItemFields);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = KeyOf<ItemKeys, ItemKey>(ref reader);
            switch (key)
            {
                case ItemKey.Sender:
                    f.SenderId = ReadParticipant(ref reader, accountId);
                    break;
                case ItemKey.Recipient:
                    f.RecipientId = ReadParticipant(ref reader, accountId);
                    break;
                case ItemKey.Timestamp:
                    f.Timestamp = WebhookJson.ReadInt64(ref reader);
                    break;
                case ItemKey.Other:
                    // Any other key is an event kind this version does not model (optin, ...) or a new field.
                    f.UnknownKind ??= WebhookJson.StringValue(ref reader);
                    WebhookJson.SkipValue(ref reader);
                    break;
                default:
                    ReadEventObject(ref reader, ref f, (WebhookItemKind)key, source);
                    break;
            }
        }

        var item = new WebhookItem(accountId, entryTime, standby);
        var raw = source[itemStart..(int)reader.BytesConsumed];
        var created = WebhookEventFactory.Create(in item, ref f, raw);
        if (_keepItems)
        {
            created.Source = new WebhookEventSource(accountId, entryTime, standby ? "standby" : "messaging", raw.ToArray());
        }

        _events.Add(created);
    }

    // A key of an object whose keys TKeys classifies: one length switch instead of a chain of comparisons (most keys
    // are fixed); an escaped key is unescaped first, on the stack.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TKey KeyOf<TKeys, TKey>(ref Utf8JsonReader reader)
        where TKeys : struct, IWebhookKeySet<TKey>
        => reader.ValueIsEscaped ? EscapedKeyOf<TKeys, TKey>(ref reader) : TKeys.Of(reader.ValueSpan);

    private static TKey EscapedKeyOf<TKeys, TKey>(ref Utf8JsonReader reader)
        where TKeys : struct, IWebhookKeySet<TKey>
    {
        Span<byte> buffer = stackalloc byte[EscapedKeyBufferLength];
        return TKeys.Of(UnescapedKey(in reader, buffer));
    }

    // An escape is at most 6 bytes per character: a key escaped past this many bytes is longer than any key we know.
    private const int EscapedKeyBufferLength = 160;

    // The escaped key's text, or empty (which matches no key) when it cannot be one of ours (too long, or an unpaired
    // surrogate escape, which no key of ours holds).
    private static ReadOnlySpan<byte> UnescapedKey(in Utf8JsonReader reader, Span<byte> buffer)
    {
        if (reader.ValueSpan.Length > buffer.Length)
        {
            return default;
        }

        try
        {
            return buffer[..reader.CopyString(buffer)];
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    private readonly struct ItemKeys : IWebhookKeySet<ItemKey>
    {
        public static ItemKey Of(ReadOnlySpan<byte> name) => name.Length switch
        {
            6 when name.SequenceEqual("sender"u8) => ItemKey.Sender,
            9 when name.SequenceEqual("recipient"u8) => ItemKey.Recipient,
            9 when name.SequenceEqual("timestamp"u8) => ItemKey.Timestamp,
            7 when name.SequenceEqual("message"u8) => ItemKey.Message,
            12 when name.SequenceEqual("message_edit"u8) => ItemKey.MessageEdit,
            8 when name.SequenceEqual("reaction"u8) => ItemKey.Reaction,
            8 when name.SequenceEqual("postback"u8) => ItemKey.Postback,
            8 when name.SequenceEqual("referral"u8) => ItemKey.Referral,
            4 when name.SequenceEqual("read"u8) => ItemKey.Read,
            19 when name.SequenceEqual("pass_thread_control"u8) => ItemKey.PassThreadControl,
            19 when name.SequenceEqual("take_thread_control"u8) => ItemKey.TakeThreadControl,
            22 when name.SequenceEqual("request_thread_control"u8) => ItemKey.RequestThreadControl,
            9 when name.SequenceEqual("app_roles"u8) => ItemKey.AppRoles,
            _ => ItemKey.Other,
        };
    }

    private void ReadEventObject(ref Utf8JsonReader reader, ref WebhookItemFields f, WebhookItemKind kind, ReadOnlySpan<byte> source)
    {
        if (f.Kind != WebhookItemKind.None)
        {
            // Meta sends exactly one event key per item; a second one is ignored rather than mixed in.
            WebhookJson.SkipValue(ref reader);
            return;
        }

        if (!WebhookJson.EnterObject(ref reader))
        {
            return;
        }

        f.Kind = kind;
        switch (kind)
        {
            case WebhookItemKind.Message:
                ReadMessage(ref reader, ref f, source);
                break;
            case WebhookItemKind.Referral:
                f.Referral = ReadReferralBody(ref reader);
                break;
            case WebhookItemKind.AppRoles:
                f.AppRoles = ReadAppRoles(ref reader);
                break;
            default:
                ReadFlatEvent(ref reader, ref f);
                break;
        }
    }

    // app_roles: {"<app id>": ["primary_receiver", ...], ...}; a value that is not an array of strings gives no roles.
    private static Dictionary<string, IReadOnlyList<string>> ReadAppRoles(ref Utf8JsonReader reader)
    {
        var roles = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var appId = reader.GetString()!;
            if (!WebhookJson.EnterArray(ref reader))
            {
                continue;
            }

            var names = new List<string>(1);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    names.Add(WebhookJson.StringValue(ref reader));
                }
                else
                {
                    reader.Skip();
                }
            }

            roles[appId] = names.ToArray();
        }

        return roles;
    }

    private void ReadMessage(ref Utf8JsonReader reader, ref WebhookItemFields f, ReadOnlySpan<byte> source)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (KeyOf<MessageKeys, MessageKey>(ref reader))
            {
                case MessageKey.Mid:
                    f.MessageId = WebhookJson.ReadString(ref reader);
                    break;
                case MessageKey.Text:
                    f.Text = _strings.ReadString(ref reader);
                    break;
                case MessageKey.Attachments:
                    if (WebhookJson.EnterArray(ref reader))
                    {
                        ReadAttachments(ref reader, ref f, source);
                    }

                    break;
                case MessageKey.QuickReply:
                    if (WebhookJson.EnterObject(ref reader))
                    {
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("payload"u8))
                            {
                                f.QuickReplyPayload = _strings.ReadString(ref reader);
                            }
                            else
                            {
                                WebhookJson.SkipValue(ref reader);
                            }
                        }
                    }

                    break;
                case MessageKey.ReplyTo:
                    if (WebhookJson.EnterObject(ref reader))
                    {
                        ReadReplyTo(ref reader, ref f);
                    }

                    break;
                case MessageKey.Referral:
                    if (WebhookJson.EnterObject(ref reader))
                    {
                        f.Referral = ReadReferralBody(ref reader);
                    }

                    break;
                case MessageKey.IsEcho:
                    f.IsEcho = WebhookJson.ReadBool(ref reader);
                    break;
                case MessageKey.IsDeleted:
                    f.IsDeleted = WebhookJson.ReadBool(ref reader);
                    break;
                case MessageKey.IsUnsupported:
                    f.IsUnsupported = WebhookJson.ReadBool(ref reader);
                    break;
                case MessageKey.IsSelf:
                    f.IsSelf = WebhookJson.ReadBool(ref reader);
                    break;
                case MessageKey.AppId:
                    f.AppId = WebhookJson.ReadString(ref reader);
                    break;
                case MessageKey.Metadata:
                    f.Metadata = WebhookJson.ReadString(ref reader);
                    break;
                default:
                    WebhookJson.SkipValue(ref reader);
                    break;
            }
        }
    }

    private readonly struct MessageKeys : IWebhookKeySet<MessageKey>
    {
        public static MessageKey Of(ReadOnlySpan<byte> name) => name.Length switch
        {
            3 when name.SequenceEqual("mid"u8) => MessageKey.Mid,
            4 when name.SequenceEqual("text"u8) => MessageKey.Text,
            11 when name.SequenceEqual("attachments"u8) => MessageKey.Attachments,
            11 when name.SequenceEqual("quick_reply"u8) => MessageKey.QuickReply,
            8 when name.SequenceEqual("reply_to"u8) => MessageKey.ReplyTo,
            8 when name.SequenceEqual("referral"u8) => MessageKey.Referral,
            7 when name.SequenceEqual("is_echo"u8) => MessageKey.IsEcho,
            7 when name.SequenceEqual("is_self"u8) => MessageKey.IsSelf,
            10 when name.SequenceEqual("is_deleted"u8) => MessageKey.IsDeleted,
            14 when name.SequenceEqual("is_unsupported"u8) => MessageKey.IsUnsupported,
            6 when name.SequenceEqual("app_id"u8) => MessageKey.AppId,
            8 when name.SequenceEqual("metadata"u8) => MessageKey.Metadata,
            _ => MessageKey.Other,
        };
    }

    // A message's attachments as one array of exactly their number: the first in a local (most messages have one),
    // any more in a pooled array, so nothing is allocated but the attachments and the array kept.
    private void ReadAttachments(ref Utf8JsonReader reader, ref WebhookItemFields f, ReadOnlySpan<byte> source)
    {
        ReceivedAttachment? first = null;
        ReceivedAttachment[]? pooled = null;
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                var attachment = ReadAttachment(ref reader, source);
                if (count == 0)
                {
                    first = attachment;
                }
                else
                {
                    if (pooled is null || count == pooled.Length)
                    {
                        var larger = ArrayPool<ReceivedAttachment>.Shared.Rent(pooled is null ? 8 : pooled.Length * 2);
                        if (pooled is null)
                        {
                            larger[0] = first!;
                        }
                        else
                        {
                            pooled.AsSpan(0, count).CopyTo(larger);
                            ArrayPool<ReceivedAttachment>.Shared.Return(pooled, clearArray: true);
                        }

                        pooled = larger;
                    }

                    pooled[count] = attachment;
                }

                count++;
            }

            f.Attachments = count switch
            {
                0 => null,
                1 => new[] { first! },
                _ => pooled.AsSpan(0, count).ToArray(),
            };
        }
        finally
        {
            if (pooled is not null)
            {
                ArrayPool<ReceivedAttachment>.Shared.Return(pooled, clearArray: true);
            }
        }
    }

    private static void ReadReplyTo(ref Utf8JsonReader reader, ref WebhookItemFields f)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("mid"u8))
            {
                f.ReplyToMessageId = WebhookJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("is_self_reply"u8))
            {
                f.IsSelfReply = WebhookJson.ReadOptionalBool(ref reader);
            }
            else if (reader.ValueTextEquals("story"u8))
            {
                if (!WebhookJson.EnterObject(ref reader))
                {
                    continue;
                }

                string? id = null, url = null, link = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("id"u8))
                    {
                        id = WebhookJson.ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("url"u8))
                    {
                        url = WebhookJson.ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("link_sticker_url"u8))
                    {
                        link = WebhookJson.ReadString(ref reader);
                    }
                    else
                    {
                        WebhookJson.SkipValue(ref reader);
                    }
                }

                f.ReplyToStory = new StoryReply { Id = id, Url = url, LinkStickerUrl = link };
            }
            else
            {
                WebhookJson.SkipValue(ref reader);
            }
        }
    }

    private ReceivedAttachment ReadAttachment(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        string? type = null, url = null, storyUrl = null, title = null, mediaId = null, payloadJson = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = WebhookJson.KnownAttachmentType(ref reader) ?? _strings.CurrentString(ref reader);
            }
            else if (reader.ValueTextEquals("payload"u8))
            {
                if (!WebhookJson.EnterObject(ref reader))
                {
                    continue;
                }

                var start = (int)reader.TokenStartIndex;
                var unread = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("url"u8))
                    {
                        url = WebhookJson.ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("title"u8))
                    {
                        title = WebhookJson.ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("reel_video_id"u8) || reader.ValueTextEquals("ig_post_media_id"u8)
                        || reader.ValueTextEquals("story_media_id"u8))
                    {
                        mediaId ??= WebhookJson.ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("story_media_url"u8))
                    {
                        storyUrl = WebhookJson.ReadString(ref reader);
                    }
                    else
                    {
                        unread = true;
                        WebhookJson.SkipValue(ref reader);
                    }
                }

                // Kept only when the payload holds something the typed members do not (a new field, a new type's data).
                payloadJson = unread ? Encoding.UTF8.GetString(source[start..(int)reader.BytesConsumed]) : null;
            }
            else
            {
                WebhookJson.SkipValue(ref reader);
            }
        }

        return new ReceivedAttachment
        {
            Type = type ?? string.Empty,
            Url = url ?? storyUrl,
            Title = title,
            MediaId = mediaId,
            PayloadJson = payloadJson,
        };
    }

    // Edits, reactions, reads, postbacks and handover: flat objects of strings and numbers.
    private void ReadFlatEvent(ref Utf8JsonReader reader, ref WebhookItemFields f)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (KeyOf<FlatKeys, FlatKey>(ref reader))
            {
                case FlatKey.Mid:
                    f.MessageId = WebhookJson.ReadString(ref reader);
                    break;
                case FlatKey.Text:
                    f.Text = _strings.ReadString(ref reader);
                    break;
                case FlatKey.NumEdit:
                    f.EditCount = WebhookJson.ReadInt64(ref reader);
                    break;
                case FlatKey.Title:
                    f.Title = _strings.ReadString(ref reader);
                    break;
                case FlatKey.Payload:
                    f.Payload = _strings.ReadString(ref reader);
                    break;
                case FlatKey.Action:
                    reader.Read();
                    f.Action = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("react"u8) ? "react" : _strings.CurrentString(ref reader);
                    break;
                case FlatKey.Reaction:
                    f.Reaction = _strings.ReadString(ref reader);
                    break;
                case FlatKey.Emoji:
                    f.Emoji = _strings.ReadString(ref reader);
                    break;
                case FlatKey.Watermark:
                    f.Watermark = WebhookJson.ReadInt64(ref reader);
                    break;
                case FlatKey.Referral:
                    if (WebhookJson.EnterObject(ref reader))
                    {
                        f.Referral = ReadReferralBody(ref reader);
                    }

                    break;
                case FlatKey.PreviousOwnerAppId:
                    f.PreviousOwnerAppId = WebhookJson.ReadString(ref reader);
                    break;
                case FlatKey.NewOwnerAppId:
                    f.NewOwnerAppId = WebhookJson.ReadString(ref reader);
                    break;
                case FlatKey.RequestedOwnerAppId:
                    f.RequestedOwnerAppId = WebhookJson.ReadString(ref reader);
                    break;
                case FlatKey.Metadata:
                    f.Metadata = WebhookJson.ReadString(ref reader);
                    break;
                case FlatKey.IsSelf:
                    f.IsSelf = WebhookJson.ReadBool(ref reader);
                    break;
                default:
                    WebhookJson.SkipValue(ref reader);
                    break;
            }
        }
    }

    private readonly struct FlatKeys : IWebhookKeySet<FlatKey>
    {
        public static FlatKey Of(ReadOnlySpan<byte> name) => name.Length switch
        {
            3 when name.SequenceEqual("mid"u8) => FlatKey.Mid,
            4 when name.SequenceEqual("text"u8) => FlatKey.Text,
            5 when name.SequenceEqual("title"u8) => FlatKey.Title,
            5 when name.SequenceEqual("emoji"u8) => FlatKey.Emoji,
            6 when name.SequenceEqual("action"u8) => FlatKey.Action,
            7 when name.SequenceEqual("payload"u8) => FlatKey.Payload,
            8 when name.SequenceEqual("reaction"u8) => FlatKey.Reaction,
            8 when name.SequenceEqual("num_edit"u8) => FlatKey.NumEdit,
            8 when name.SequenceEqual("referral"u8) => FlatKey.Referral,
            8 when name.SequenceEqual("metadata"u8) => FlatKey.Metadata,
            7 when name.SequenceEqual("is_self"u8) => FlatKey.IsSelf,
            9 when name.SequenceEqual("watermark"u8) => FlatKey.Watermark,
            16 when name.SequenceEqual("new_owner_app_id"u8) => FlatKey.NewOwnerAppId,
            21 when name.SequenceEqual("previous_owner_app_id"u8) => FlatKey.PreviousOwnerAppId,
            22 when name.SequenceEqual("requested_owner_app_id"u8) => FlatKey.RequestedOwnerAppId,
            _ => FlatKey.Other,
        };
    }

    private WebhookReferral ReadReferralBody(ref Utf8JsonReader reader)
    {
        string? reference = null, source = null, type = null, adId = null, adTitle = null, photoUrl = null, videoUrl = null, productId = null;
        string? postId = null, flowId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ref"u8))
            {
                reference = _strings.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("source"u8))
            {
                source = _strings.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                type = _strings.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("ad_id"u8))
            {
                adId = WebhookJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("product_id"u8))
            {
                productId ??= WebhookJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("post_id"u8))
            {
                postId = WebhookJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("flow_id"u8))
            {
                flowId = WebhookJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("ads_context_data"u8))
            {
                if (!WebhookJson.EnterObject(ref reader))
                {
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("ad_title"u8))
                    {
                        adTitle = WebhookJson.ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("photo_url"u8))
                    {
                        photoUrl = WebhookJson.ReadString(ref reader);
                    }
                    else if (reader.ValueTextEquals("video_url"u8))
                    {
                        videoUrl = WebhookJson.ReadString(ref reader);
                    }
                    else
                    {
                        WebhookJson.SkipValue(ref reader);
                    }
                }
            }
            else if (reader.ValueTextEquals("product"u8))
            {
                productId = ReadId(ref reader) ?? productId;
            }
            else
            {
                WebhookJson.SkipValue(ref reader);
            }
        }

        return new WebhookReferral
        {
            Ref = reference,
            Source = source,
            Type = type,
            AdId = adId,
            AdTitle = adTitle,
            PhotoUrl = photoUrl,
            VideoUrl = videoUrl,
            ProductId = productId,
            PostId = postId,
            FlowId = flowId,
        };
    }

    // sender or recipient: one of them is the account itself, whose string is already at hand.
    private string? ReadParticipant(ref Utf8JsonReader reader, string accountId)
    {
        if (!WebhookJson.EnterObject(ref reader))
        {
            return null;
        }

        string? id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = WebhookJson.Is(ref reader, accountId) ? accountId : _strings.CurrentCustomerId(ref reader);
            }
            else
            {
                WebhookJson.SkipValue(ref reader);
            }
        }

        return id;
    }

    // {"id": "..."} (product); null when absent or not an object.
    private static string? ReadId(ref Utf8JsonReader reader)
    {
        if (!WebhookJson.EnterObject(ref reader))
        {
            return null;
        }

        string? id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = WebhookJson.ReadString(ref reader);
            }
            else
            {
                WebhookJson.SkipValue(ref reader);
            }
        }

        return id;
    }

    private void ReadChange(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, string accountId, long? entryTime)
    {
        var before = _events.Count;
        ReadChangeEvent(ref reader, source, accountId, entryTime, out var changeStart);
        if (_keepItems && _events.Count > before && _events.Last.Source is null)
        {
            _events.Last.Source = new WebhookEventSource(accountId, entryTime, "changes", source[changeStart..(int)reader.BytesConsumed].ToArray());
        }
    }

    private void ReadChangeEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, string accountId, long? entryTime, out int changeStart)
    {
        changeStart = (int)reader.TokenStartIndex;
        string? field = null;
        int valueStart = -1, valueEnd = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("field"u8))
            {
                field = WebhookJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                valueStart = (int)reader.TokenStartIndex;
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                valueEnd = isObject ? (int)reader.BytesConsumed : -1;
            }
            else
            {
                WebhookJson.SkipValue(ref reader);
            }
        }

        var change = source[changeStart..(int)reader.BytesConsumed];
        if (valueEnd < 0 || field is null)
        {
            _events.Add(WebhookEventFactory.Unknown(accountId, entryTime, "changes/" + (field ?? string.Empty), change));
            return;
        }

        var value = source[valueStart..valueEnd];
        var sub = new Utf8JsonReader(value);
        sub.Read();
        switch (field)
        {
            case "messages":
                // The App Dashboard's "Test" button sends a messaging item as a change.
                ReadItem(ref sub, value, accountId, entryTime, standby: false);
                break;
            case "comments" or "live_comments":
                _events.Add((InstagramWebhookEvent?)ReadComment(ref sub, accountId, entryTime, field) ?? WebhookEventFactory.Unknown(accountId, entryTime, "changes/" + field, change));
                break;
            case "mentions":
                _events.Add(ReadMention(ref sub, accountId, entryTime));
                break;
            default:
                _events.Add(WebhookEventFactory.Unknown(accountId, entryTime, "changes/" + field, change));
                break;
        }
    }

    private static CommentEvent? ReadComment(ref Utf8JsonReader reader, string accountId, long? entryTime, string field)
    {
        string? id = null, text = null, fromId = null, fromUsername = null, parentId = null, mediaId = null, mediaType = null;
        string? selfScopedId = null, adId = null, adTitle = null, originalMediaId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("comment_id"u8))
            {
                id ??= WebhookJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                text = WebhookJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("parent_id"u8))
            {
                parentId = WebhookJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("from"u8) || reader.ValueTextEquals("media"u8))
            {
                var isFrom = reader.ValueTextEquals("from"u8);
                if (!WebhookJson.EnterObject(ref reader))
                {
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("id"u8))
                    {
                        var value = WebhookJson.ReadString(ref reader);
                        if (isFrom)
                        {
                            fromId = value;
                        }
                        else
                        {
                            mediaId = value;
                        }
                    }
                    else if (isFrom && reader.ValueTextEquals("username"u8))
                    {
                        fromUsername = WebhookJson.ReadString(ref reader);
                    }
                    else if (isFrom && reader.ValueTextEquals("self_ig_scoped_id"u8))
                    {
                        selfScopedId = WebhookJson.ReadString(ref reader);
                    }
                    else if (!isFrom && reader.ValueTextEquals("media_product_type"u8))
                    {
                        mediaType = WebhookJson.ReadString(ref reader);
                    }
                    else if (!isFrom && reader.ValueTextEquals("ad_id"u8))
                    {
                        adId = WebhookJson.ReadString(ref reader);
                    }
                    else if (!isFrom && reader.ValueTextEquals("ad_title"u8))
                    {
                        adTitle = WebhookJson.ReadString(ref reader);
                    }
                    else if (!isFrom && reader.ValueTextEquals("original_media_id"u8))
                    {
                        originalMediaId = WebhookJson.ReadString(ref reader);
                    }
                    else
                    {
                        WebhookJson.SkipValue(ref reader);
                    }
                }
            }
            else
            {
                WebhookJson.SkipValue(ref reader);
            }
        }

        if (id is null)
        {
            return null;
        }

        return new CommentEvent
        {
            AccountId = accountId,
            SenderId = fromId,
            RecipientId = accountId,
            Timestamp = WebhookEventFactory.Time(null, entryTime),
            IsTest = accountId == "0",
            Field = field,
            CommentId = id,
            Text = text,
            FromId = fromId,
            FromUsername = fromUsername,
            FromSelfIgScopedId = selfScopedId,
            ParentId = parentId,
            MediaId = mediaId,
            MediaProductType = mediaType,
            AdId = adId,
            AdTitle = adTitle,
            OriginalMediaId = originalMediaId,
        };
    }

    private static MentionEvent ReadMention(ref Utf8JsonReader reader, string accountId, long? entryTime)
    {
        string? mediaId = null, commentId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("media_id"u8))
            {
                mediaId = WebhookJson.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("comment_id"u8))
            {
                commentId = WebhookJson.ReadString(ref reader);
            }
            else
            {
                WebhookJson.SkipValue(ref reader);
            }
        }

        return new MentionEvent
        {
            AccountId = accountId,
            RecipientId = accountId,
            Timestamp = WebhookEventFactory.Time(null, entryTime),
            IsTest = accountId == "0",
            MediaId = mediaId,
            CommentId = commentId,
        };
    }
}
