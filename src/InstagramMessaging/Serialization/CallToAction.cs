using System.Text.Json.Serialization;

namespace InstagramMessaging.Serialization;

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
