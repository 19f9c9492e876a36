using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using InstagramMessaging.Rules;
using System.Text;
using System.Text.Json;

namespace InstagramMessaging.Serialization;

/// <summary>
/// The message parts generated contracts write through a <see cref="MessageJsonWriter"/>: the envelope,
/// attachments, quick replies, buttons and templates. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MessageJson
{

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_valueBuffer;

    /// <summary>
    /// Writes the start of a send body: <c>{"recipient":{...},</c> and, when options are given,
    /// <c>"messaging_type"</c> and <c>"tag"</c>, each followed by a comma.
    /// </summary>
    public static void WriteEnvelopeStart(ref MessageJsonWriter output, Recipient recipient, SendOptions? options)
    {
        if (!recipient.IsSet)
        {
            throw new ArgumentException("The recipient is not set; create it with Recipient.Id(igsid) or Recipient.Comment(commentId).", nameof(recipient));
        }

        output.WriteRaw(recipient.Kind == RecipientKind.Comment ? "{\"recipient\":{\"comment_id\":"u8 : "{\"recipient\":{\"id\":"u8);
        output.WriteString(recipient.Value);
        output.WriteRaw("},"u8);
        if (options is null)
        {
            return;
        }

        output.WriteRaw(options.MessagingType switch
        {
            MessagingType.Response => "\"messaging_type\":\"RESPONSE\","u8,
            MessagingType.Update => "\"messaging_type\":\"UPDATE\","u8,
            MessagingType.MessageTag => "\"messaging_type\":\"MESSAGE_TAG\","u8,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.MessagingType, "Unknown messaging type."),
        });
        if (options.MessagingType == MessagingType.MessageTag)
        {
            output.WriteRaw(options.Tag switch
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
    public static void WriteAttachment(ref MessageJsonWriter output, MediaKind kind, MediaSource source)
        => WriteAttachment(ref output, kind, source, isReusable: false);

    internal static void WriteAttachment(ref MessageJsonWriter output, MediaKind kind, MediaSource source, bool isReusable)
    {
        output.WriteRaw(kind switch
        {
            MediaKind.Image => "{\"type\":\"image\",\"payload\":{"u8,
            MediaKind.Audio => "{\"type\":\"audio\",\"payload\":{"u8,
            MediaKind.Video => "{\"type\":\"video\",\"payload\":{"u8,
            MediaKind.File => "{\"type\":\"file\",\"payload\":{"u8,

            // The u8 literals are the row's JsonType written out (MediaKindsTests checks each); a kind added to
            // the table must be added here too, and fails loudly until it is.
            _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "MediaKind " + kind + " has no JSON literal in MessageJson.WriteAttachment."),
        });
        if (source.AttachmentId is { } id)
        {
            output.WriteRaw("\"attachment_id\":"u8);
            output.WriteString(id);
        }
        else
        {
            output.WriteRaw("\"url\":"u8);
            output.WriteString(source.Url);
        }

        output.WriteRaw(isReusable ? ",\"is_reusable\":true}}"u8 : "}}"u8);
    }

    /// <summary>
    /// Starts the images of a message: one image is sent as <c>"attachment":</c>, several as
    /// <c>"attachments":[</c>.
    /// </summary>
    public static void BeginImages(ref MessageJsonWriter output, int count)
        => output.WriteRaw(count == 1 ? "\"attachment\":"u8 : "\"attachments\":["u8);

    /// <summary>Writes the next image of a message started by <see cref="BeginImages"/>.</summary>
    public static void WriteImage(ref MessageJsonWriter output, MediaSource source, ref int written)
    {
        if (written++ > 0)
        {
            output.WriteRaw(","u8);
        }

        WriteAttachment(ref output, MediaKind.Image, source);
    }

    /// <summary>Ends the images started by <see cref="BeginImages"/>.</summary>
    public static void EndImages(ref MessageJsonWriter output, int count)
    {
        if (count != 1)
        {
            output.WriteRaw("]"u8);
        }
    }

    /// <summary>Writes <c>,"quick_replies":[...]</c> from fixed and run-time quick replies; nothing when there are none.</summary>
    public static void WriteQuickReplies(ref MessageJsonWriter output, IReadOnlyList<QuickReply>? declared, IReadOnlyList<QuickReply>? runtime)
    {
        var count = (declared?.Count ?? 0) + (runtime?.Count ?? 0);
        if (count == 0)
        {
            return;
        }

        output.WriteRaw(",\"quick_replies\":["u8);
        var written = 0;
        WriteQuickReplyItems(ref output, declared, ref written);
        WriteQuickReplyItems(ref output, runtime, ref written);
        output.WriteRaw("]"u8);
    }

    /// <summary>Writes one button object.</summary>
    public static void WriteButton(ref MessageJsonWriter output, Button? button, ref int written)
    {
        if (button is null)
        {
            return;
        }

        if (written++ > 0)
        {
            output.WriteRaw(","u8);
        }

        switch (button)
        {
            case UrlButton url:
                output.WriteRaw("{\"type\":\"web_url\",\"url\":"u8);
                output.WriteString(url.Address);
                output.WriteRaw(",\"title\":"u8);
                output.WriteString(url.Title);
                break;
            case PostbackButton postback:
                output.WriteRaw("{\"type\":\"postback\",\"title\":"u8);
                output.WriteString(postback.Title);
                output.WriteRaw(",\"payload\":"u8);
                output.WriteString(postback.Payload);
                break;
        }

        output.WriteRaw("}"u8);
    }

    /// <summary>Writes every button of a list (null writes none).</summary>
    public static void WriteButtons(ref MessageJsonWriter output, IReadOnlyList<Button>? buttons, ref int written)
    {
        if (buttons is null)
        {
            return;
        }

        for (var i = 0; i < buttons.Count; i++)
        {
            WriteButton(ref output, buttons[i], ref written);
        }
    }

    /// <summary>Writes <c>"attachment":{"type":"template","payload":{"template_type":"generic","elements":[...]}}</c>.</summary>
    public static void WriteGenericTemplate(ref MessageJsonWriter output, IReadOnlyList<GenericElement>? elements)
    {
        output.WriteRaw("\"attachment\":{\"type\":\"template\",\"payload\":{\"template_type\":\"generic\",\"elements\":["u8);
        for (var i = 0; elements is not null && i < elements.Count; i++)
        {
            var element = elements[i];
            output.WriteRaw(i == 0 ? "{\"title\":"u8 : ",{\"title\":"u8);
            output.WriteString(element.Title);
            WriteOptional(ref output, ",\"subtitle\":"u8, element.Subtitle);
            WriteOptional(ref output, ",\"image_url\":"u8, element.ImageUrl);
            if (element.DefaultActionUrl is not null)
            {
                output.WriteRaw(",\"default_action\":{\"type\":\"web_url\",\"url\":"u8);
                output.WriteString(element.DefaultActionUrl);
                output.WriteRaw("}"u8);
            }

            if (element.Buttons is { Count: > 0 } buttons)
            {
                output.WriteRaw(",\"buttons\":["u8);
                var written = 0;
                WriteButtons(ref output, buttons, ref written);
                output.WriteRaw("]"u8);
            }

            output.WriteRaw("}"u8);
        }

        output.WriteRaw("]}}"u8);
    }

    /// <summary>Writes <c>"attachment":{"type":"template","payload":{"template_type":"product","elements":[{"id":...}]}}</c>.</summary>
    public static void WriteProductTemplate(ref MessageJsonWriter output, IReadOnlyList<string>? productIds)
    {
        output.WriteRaw("\"attachment\":{\"type\":\"template\",\"payload\":{\"template_type\":\"product\",\"elements\":["u8);
        for (var i = 0; productIds is not null && i < productIds.Count; i++)
        {
            output.WriteRaw(i == 0 ? "{\"id\":"u8 : ",{\"id\":"u8);
            output.WriteString(productIds[i]);
            output.WriteRaw("}"u8);
        }

        output.WriteRaw("]}}"u8);
    }

    private static void WriteOptional(ref MessageJsonWriter output, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            output.WriteRaw(name);
            output.WriteString(value);
        }
    }

    private static void WriteQuickReplyItems(ref MessageJsonWriter output, IReadOnlyList<QuickReply>? replies, ref int written)
    {
        for (var i = 0; replies is not null && i < replies.Count; i++)
        {
            output.WriteRaw(written++ == 0 ? "{\"content_type\":\"text\",\"title\":"u8 : ",{\"content_type\":\"text\",\"title\":"u8);
            output.WriteString(replies[i].Title);
            output.WriteRaw(",\"payload\":"u8);
            output.WriteString(replies[i].Payload);
            output.WriteRaw("}"u8);
        }
    }
}
