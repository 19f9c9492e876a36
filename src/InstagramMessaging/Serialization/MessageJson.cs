using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using InstagramMessaging.Rules;
using System.Text;
using System.Text.Json;

namespace InstagramMessaging.Serialization;

/// <summary>
/// The UTF-8 JSON writer generated contracts call. It copies pre-encoded constant fragments straight into the
/// output and escapes dynamic strings exactly as System.Text.Json's default encoder does. Not meant to be
/// called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MessageJson
{
    // Printable ASCII that System.Text.Json's default encoder leaves as it is. It escapes control characters,
    // DEL, everything outside ASCII, and the HTML-sensitive " & ' + < > ` as well as \.
    private static readonly SearchValues<char> s_unescaped = SearchValues.Create(
        " !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~");

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_valueBuffer;

    /// <summary>Copies a constant, already valid JSON fragment.</summary>
    public static void WriteRaw(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8Json)
    {
        var span = output.GetSpan(utf8Json.Length);
        utf8Json.CopyTo(span);
        output.Advance(utf8Json.Length);
    }

    /// <summary>Writes a JSON string (with quotes), or <c>null</c>.</summary>
    public static void WriteString(IBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            WriteRaw(output, "null"u8);
            return;
        }

        if (value.AsSpan().IndexOfAnyExcept(s_unescaped) < 0)
        {
            // Nothing to escape: every char is one ASCII byte.
            var span = output.GetSpan(value.Length + 2);
            span[0] = (byte)'"';
            var written = Encoding.ASCII.GetBytes(value, span.Slice(1));
            span[written + 1] = (byte)'"';
            output.Advance(written + 2);
            return;
        }

        WriteEscaped(output, value);
    }

    /// <summary>
    /// Writes the start of a send body: <c>{"recipient":{...},</c> and, when options are given,
    /// <c>"messaging_type"</c> and <c>"tag"</c>, each followed by a comma.
    /// </summary>
    public static void WriteEnvelopeStart(IBufferWriter<byte> output, Recipient recipient, SendOptions? options)
    {
        if (!recipient.IsSet)
        {
            throw new ArgumentException("The recipient is not set; create it with Recipient.Id(igsid) or Recipient.Comment(commentId).", nameof(recipient));
        }

        WriteRaw(output, recipient.Kind == RecipientKind.Comment ? "{\"recipient\":{\"comment_id\":"u8 : "{\"recipient\":{\"id\":"u8);
        WriteString(output, recipient.Value);
        WriteRaw(output, "},"u8);
        if (options is null)
        {
            return;
        }

        WriteRaw(output, options.MessagingType switch
        {
            MessagingType.Response => "\"messaging_type\":\"RESPONSE\","u8,
            MessagingType.Update => "\"messaging_type\":\"UPDATE\","u8,
            MessagingType.MessageTag => "\"messaging_type\":\"MESSAGE_TAG\","u8,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.MessagingType, "Unknown messaging type."),
        });
        if (options.MessagingType == MessagingType.MessageTag)
        {
            WriteRaw(output, options.Tag switch
            {
                MessageTag.HumanAgent => "\"tag\":\"HUMAN_AGENT\","u8,
                null => throw new ArgumentException("MessagingType.MessageTag needs a Tag, such as MessageTag.HumanAgent.", nameof(options)),
                _ => throw new ArgumentOutOfRangeException(nameof(options), options.Tag, "Unknown message tag."),
            });
        }
    }

    /// <summary>Writes a contract's body as one JSON value of <paramref name="writer"/>.</summary>
    public static void WriteValue<TMessage>(Utf8JsonWriter writer, TMessage message, Recipient recipient, SendOptions? options)
        where TMessage : IInstagramMessage
    {
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = t_valueBuffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        message.WriteTo(buffer, recipient, options);
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>A contract's body as a string.</summary>
    public static string ToJson<TMessage>(TMessage message, Recipient recipient, SendOptions? options)
        where TMessage : IInstagramMessage
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        message.WriteTo(buffer, recipient, options);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A member value as a media source; null gives an unset source, which <c>Validate()</c> reports.</summary>
    public static MediaSource ToSource(Uri? url) => url is null ? default : MediaSource.FromUrl(url);

    /// <summary>A member value as a media source; null gives an unset source, which <c>Validate()</c> reports.</summary>
    public static MediaSource ToSource(string? url) => url is null ? default : MediaSource.FromUrl(url);

    /// <summary>A member value as a media source; an unset id gives an unset source, which <c>Validate()</c> reports.</summary>
    public static MediaSource ToSource(AttachmentId? id) => id?.Value is { } value ? MediaSource.FromAttachmentId(value) : default;

    /// <summary>A member value as a media source.</summary>
    public static MediaSource ToSource(MediaSource? source) => source ?? default;

    /// <summary>Writes one attachment object: <c>{"type":"image","payload":{"url":"..."}}</c>.</summary>
    public static void WriteAttachment(IBufferWriter<byte> output, MediaKind kind, MediaSource source)
        => WriteAttachment(output, kind, source, isReusable: false);

    internal static void WriteAttachment(IBufferWriter<byte> output, MediaKind kind, MediaSource source, bool isReusable)
    {
        WriteRaw(output, kind switch
        {
            MediaKind.Image => "{\"type\":\"image\",\"payload\":{"u8,
            MediaKind.Audio => "{\"type\":\"audio\",\"payload\":{"u8,
            MediaKind.Video => "{\"type\":\"video\",\"payload\":{"u8,
            _ => "{\"type\":\"file\",\"payload\":{"u8,
        });
        if (source.AttachmentId is { } id)
        {
            WriteRaw(output, "\"attachment_id\":"u8);
            WriteString(output, id);
        }
        else
        {
            WriteRaw(output, "\"url\":"u8);
            WriteString(output, source.Url);
        }

        WriteRaw(output, isReusable ? ",\"is_reusable\":true}}"u8 : "}}"u8);
    }

    /// <summary>
    /// Starts the images of a message: one image is sent as <c>"attachment":</c>, several as
    /// <c>"attachments":[</c>.
    /// </summary>
    public static void BeginImages(IBufferWriter<byte> output, int count)
        => WriteRaw(output, count == 1 ? "\"attachment\":"u8 : "\"attachments\":["u8);

    /// <summary>Writes the next image of a message started by <see cref="BeginImages"/>.</summary>
    public static void WriteImage(IBufferWriter<byte> output, MediaSource source, ref int written)
    {
        if (written++ > 0)
        {
            WriteRaw(output, ","u8);
        }

        WriteAttachment(output, MediaKind.Image, source);
    }

    /// <summary>Ends the images started by <see cref="BeginImages"/>.</summary>
    public static void EndImages(IBufferWriter<byte> output, int count)
    {
        if (count != 1)
        {
            WriteRaw(output, "]"u8);
        }
    }

    /// <summary>Writes <c>,"quick_replies":[...]</c> from fixed and run-time quick replies; nothing when there are none.</summary>
    public static void WriteQuickReplies(IBufferWriter<byte> output, IReadOnlyList<QuickReply>? declared, IReadOnlyList<QuickReply>? runtime)
    {
        var count = (declared?.Count ?? 0) + (runtime?.Count ?? 0);
        if (count == 0)
        {
            return;
        }

        WriteRaw(output, ",\"quick_replies\":["u8);
        var written = 0;
        WriteQuickReplyItems(output, declared, ref written);
        WriteQuickReplyItems(output, runtime, ref written);
        WriteRaw(output, "]"u8);
    }

    /// <summary>Writes one button object.</summary>
    public static void WriteButton(IBufferWriter<byte> output, Button? button, ref int written)
    {
        if (button is null)
        {
            return;
        }

        if (written++ > 0)
        {
            WriteRaw(output, ","u8);
        }

        switch (button)
        {
            case UrlButton url:
                WriteRaw(output, "{\"type\":\"web_url\",\"url\":"u8);
                WriteString(output, url.Address);
                WriteRaw(output, ",\"title\":"u8);
                WriteString(output, url.Title);
                break;
            case PostbackButton postback:
                WriteRaw(output, "{\"type\":\"postback\",\"title\":"u8);
                WriteString(output, postback.Title);
                WriteRaw(output, ",\"payload\":"u8);
                WriteString(output, postback.Payload);
                break;
        }

        WriteRaw(output, "}"u8);
    }

    /// <summary>Writes every button of a list (null writes none).</summary>
    public static void WriteButtons(IBufferWriter<byte> output, IReadOnlyList<Button>? buttons, ref int written)
    {
        if (buttons is null)
        {
            return;
        }

        for (var i = 0; i < buttons.Count; i++)
        {
            WriteButton(output, buttons[i], ref written);
        }
    }

    /// <summary>Writes <c>"attachment":{"type":"template","payload":{"template_type":"generic","elements":[...]}}</c>.</summary>
    public static void WriteGenericTemplate(IBufferWriter<byte> output, IReadOnlyList<GenericElement>? elements)
    {
        WriteRaw(output, "\"attachment\":{\"type\":\"template\",\"payload\":{\"template_type\":\"generic\",\"elements\":["u8);
        for (var i = 0; elements is not null && i < elements.Count; i++)
        {
            var element = elements[i];
            WriteRaw(output, i == 0 ? "{\"title\":"u8 : ",{\"title\":"u8);
            WriteString(output, element.Title);
            WriteOptional(output, ",\"subtitle\":"u8, element.Subtitle);
            WriteOptional(output, ",\"image_url\":"u8, element.ImageUrl);
            if (element.DefaultActionUrl is not null)
            {
                WriteRaw(output, ",\"default_action\":{\"type\":\"web_url\",\"url\":"u8);
                WriteString(output, element.DefaultActionUrl);
                WriteRaw(output, "}"u8);
            }

            if (element.Buttons is { Count: > 0 } buttons)
            {
                WriteRaw(output, ",\"buttons\":["u8);
                var written = 0;
                WriteButtons(output, buttons, ref written);
                WriteRaw(output, "]"u8);
            }

            WriteRaw(output, "}"u8);
        }

        WriteRaw(output, "]}}"u8);
    }

    /// <summary>Writes <c>"attachment":{"type":"template","payload":{"template_type":"product","elements":[{"id":...}]}}</c>.</summary>
    public static void WriteProductTemplate(IBufferWriter<byte> output, IReadOnlyList<string>? productIds)
    {
        WriteRaw(output, "\"attachment\":{\"type\":\"template\",\"payload\":{\"template_type\":\"product\",\"elements\":["u8);
        for (var i = 0; productIds is not null && i < productIds.Count; i++)
        {
            WriteRaw(output, i == 0 ? "{\"id\":"u8 : ",{\"id\":"u8);
            WriteString(output, productIds[i]);
            WriteRaw(output, "}"u8);
        }

        WriteRaw(output, "]}}"u8);
    }

    private static void WriteOptional(IBufferWriter<byte> output, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            WriteRaw(output, name);
            WriteString(output, value);
        }
    }

    private static void WriteQuickReplyItems(IBufferWriter<byte> output, IReadOnlyList<QuickReply>? replies, ref int written)
    {
        for (var i = 0; replies is not null && i < replies.Count; i++)
        {
            WriteRaw(output, written++ == 0 ? "{\"content_type\":\"text\",\"title\":"u8 : ",{\"content_type\":\"text\",\"title\":"u8);
            WriteString(output, replies[i].Title);
            WriteRaw(output, ",\"payload\":"u8);
            WriteString(output, replies[i].Payload);
            WriteRaw(output, "}"u8);
        }
    }

    // Escapes exactly as System.Text.Json's default encoder: short forms for \b \f \n \r \t and \\, \uXXXX
    // (upper-case hex) for every other character outside printable ASCII or HTML-sensitive, surrogate pairs as two
    // escapes, and a lone surrogate as \uFFFD. The exhaustive and property tests hold it to System.Text.Json.
    private static void WriteEscaped(IBufferWriter<byte> output, string value)
    {
        var span = output.GetSpan((value.Length * 6) + 2);
        var at = 0;
        span[at++] = (byte)'"';
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x80 && s_unescaped.Contains(c))
            {
                span[at++] = (byte)c;
                continue;
            }

            switch (c)
            {
                case '\b': at = Short(span, at, (byte)'b'); continue;
                case '\f': at = Short(span, at, (byte)'f'); continue;
                case '\n': at = Short(span, at, (byte)'n'); continue;
                case '\r': at = Short(span, at, (byte)'r'); continue;
                case '\t': at = Short(span, at, (byte)'t'); continue;
                case '\\': at = Short(span, at, (byte)'\\'); continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                at = Unicode(span, at, c);
                at = Unicode(span, at, value[++i]);
            }
            else
            {
                at = Unicode(span, at, char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        span[at++] = (byte)'"';
        output.Advance(at);
    }

    private static int Short(Span<byte> span, int at, byte letter)
    {
        span[at] = (byte)'\\';
        span[at + 1] = letter;
        return at + 2;
    }

    private static int Unicode(Span<byte> span, int at, char c)
    {
        span[at] = (byte)'\\';
        span[at + 1] = (byte)'u';
        span[at + 2] = Hex(c >> 12);
        span[at + 3] = Hex((c >> 8) & 0xF);
        span[at + 4] = Hex((c >> 4) & 0xF);
        span[at + 5] = Hex(c & 0xF);
        return at + 6;
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}
