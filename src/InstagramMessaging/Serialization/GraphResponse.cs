using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace InstagramMessaging.Client;

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
    // Anything else (an error envelope, profile data, an unexpected shape) returns null for the full read.
    public static GraphResponse? TryReadSendResult(ReadOnlySpan<byte> body)
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
                result.RecipientId = reader.GetString();
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

// messenger_profile GET: {"data":[{"ice_breakers":[...],"persistent_menu":[...]}]}
internal sealed class ProfileData
{
    [JsonPropertyName("ice_breakers")]
    public List<LocaleEntry>? IceBreakers { get; set; }

    [JsonPropertyName("persistent_menu")]
    public List<LocaleEntry>? PersistentMenu { get; set; }
}

internal sealed class LocaleEntry
{
    [JsonPropertyName("locale")]
    public string? Locale { get; set; }

    [JsonPropertyName("call_to_actions")]
    public List<CallToAction>? CallToActions { get; set; }
}

internal sealed class CallToAction
{
    [JsonPropertyName("question")]
    public string? Question { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("payload")]
    public string? Payload { get; set; }
}

internal sealed class GraphError
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("error_subcode")]
    public int? Subcode { get; set; }

    [JsonPropertyName("is_transient")]
    public bool IsTransient { get; set; }

    [JsonPropertyName("error_user_title")]
    public string? UserTitle { get; set; }

    [JsonPropertyName("error_user_msg")]
    public string? UserMessage { get; set; }

    [JsonPropertyName("fbtrace_id")]
    public string? FbTraceId { get; set; }
}

[JsonSerializable(typeof(GraphResponse))]
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
internal sealed partial class GraphJsonContext : JsonSerializerContext
{
}
