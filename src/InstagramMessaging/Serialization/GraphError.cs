using System.Text.Json.Serialization;

namespace InstagramMessaging.Serialization;

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
