using System;
using System.Buffers;
using System.ComponentModel;
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

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_escapeBuffer;
    [ThreadStatic] private static Utf8JsonWriter? t_escapeWriter;
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

    private static void WriteEscaped(IBufferWriter<byte> output, string value)
    {
        // Rare path: let System.Text.Json escape, so the bytes are exactly its own (including its refusal of
        // invalid UTF-16). The writer and buffer are reused per thread, so nothing is allocated.
        var buffer = t_escapeBuffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_escapeWriter;
        if (writer is null)
        {
            writer = t_escapeWriter = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        }
        else
        {
            writer.Reset(buffer);
        }

        writer.WriteStringValue(value);
        writer.Flush();
        WriteRaw(output, buffer.WrittenSpan);
    }
}
