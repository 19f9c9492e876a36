using System;
using System.Buffers;
using System.Text.Json;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Stores a parsed event as bytes and reads the same event back, for durable queues (a Redis stream, for example).
/// The bytes are a one-event webhook body: the event's item exactly as Meta delivered it, inside its entry, so
/// reading it back is the parser, and events of kinds a later version models come
/// back as those kinds. No reflection: trimming- and NativeAOT-safe.
/// </summary>
public static class InstagramWebhookEventSerializer
{
    /// <summary>Writes <paramref name="webhookEvent"/> as it was delivered.</summary>
    /// <param name="webhookEvent">An event that <see cref="InstagramWebhookParser.Parse(ReadOnlySpan{byte}, bool)"/> returned with <c>keepItems</c>.</param>
    /// <returns>UTF-8 JSON that <see cref="Deserialize"/> reads back.</returns>
    /// <exception cref="ArgumentException">The event was not parsed with <c>keepItems</c> (or was constructed in code; a copy made with <c>with</c> keeps the original's item).</exception>
    public static byte[] Serialize(InstagramWebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var source = webhookEvent.Source
            ?? throw new ArgumentException("Only events parsed with keepItems (InstagramWebhookParser.Parse(body, keepItems: true)) can be serialized: they carry the item they were read from.", nameof(webhookEvent));
        var buffer = new ArrayBufferWriter<byte>(source.Item.Length + 96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object"u8, "instagram"u8);
            writer.WriteStartArray("entry"u8);
            writer.WriteStartObject();
            writer.WriteString("id"u8, source.AccountId);
            if (source.EntryTime is { } time)
            {
                writer.WriteNumber("time"u8, time);
            }

            writer.WriteStartArray(source.Array);
            writer.WriteRawValue(source.Item, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads back an event that <see cref="Serialize"/> wrote.</summary>
    /// <param name="data">The bytes <see cref="Serialize"/> returned.</param>
    /// <returns>An event equal to the one serialized.</returns>
    /// <exception cref="InstagramWebhookFormatException">The bytes are not one serialized event.</exception>
    public static InstagramWebhookEvent Deserialize(ReadOnlySpan<byte> data)
    {
        var events = InstagramWebhookParser.Parse(data, keepItems: true).Events;
        return events.Count == 1
            ? events[0]
            : throw new InstagramWebhookFormatException($"A serialized webhook event holds exactly one event; this holds {events.Count}.");
    }
}
