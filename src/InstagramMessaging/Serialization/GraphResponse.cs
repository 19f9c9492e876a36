using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace InstagramMessaging.Serialization;

// The Graph API's answer to a send: either the result fields or an error envelope.
internal sealed class GraphResponse
{
    [JsonPropertyName("recipient_id")]
    public string? RecipientId { get; set; }

    [JsonPropertyName("message_id")]
    public string? MessageId { get; set; }

    [JsonPropertyName("attachment_id")]
    public string? AttachmentId { get; set; }

    [JsonPropertyName("error")]
    public GraphError? Error { get; set; }

    [JsonPropertyName("data")]
    public List<ProfileData>? Data { get; set; }

    // The common answer, {"recipient_id":"...","message_id":"..."}, read without the serializer's machinery.
    // Anything else (an error envelope, profile data, an unexpected shape) returns null for the full read. A
    // recipient_id equal to `knownRecipientId` (the id the message went to) reuses that string instead of a copy.
    public static GraphResponse? TryReadSendResult(ReadOnlySpan<byte> body, string? knownRecipientId = null)
    {
        var reader = new System.Text.Json.Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
        {
            return null;
        }

        var result = new GraphResponse();
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.String)
            {
                return null;
            }

            if (name.SequenceEqual("recipient_id"u8))
            {
                result.RecipientId = knownRecipientId is not null && !reader.ValueIsEscaped && reader.ValueTextEquals(knownRecipientId) ? knownRecipientId : reader.GetString();
            }
            else if (name.SequenceEqual("message_id"u8))
            {
                result.MessageId = reader.GetString();
            }
            else if (name.SequenceEqual("attachment_id"u8))
            {
                result.AttachmentId = reader.GetString();
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == System.Text.Json.JsonTokenType.EndObject && !reader.Read() ? result : null;
    }
}
