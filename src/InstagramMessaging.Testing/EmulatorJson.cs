using System.Text.Json.Serialization;

namespace InstagramMessaging.Testing;

internal sealed record SendSuccess(
    [property: JsonPropertyName("recipient_id")] string RecipientId,
    [property: JsonPropertyName("message_id")] string MessageId);

internal sealed record RecipientOnly([property: JsonPropertyName("recipient_id")] string RecipientId);

internal sealed record UploadSuccess([property: JsonPropertyName("attachment_id")] string AttachmentId);

internal sealed record ErrorEnvelope([property: JsonPropertyName("error")] ErrorBody Error);

internal sealed record ErrorBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("error_subcode"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Subcode,
    [property: JsonPropertyName("is_transient")] bool IsTransient,
    [property: JsonPropertyName("fbtrace_id")] string FbTraceId);

[JsonSerializable(typeof(SendSuccess))]
[JsonSerializable(typeof(RecipientOnly))]
[JsonSerializable(typeof(UploadSuccess))]
[JsonSerializable(typeof(ErrorEnvelope))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext
{
}
