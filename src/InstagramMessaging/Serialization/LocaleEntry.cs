using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace InstagramMessaging.Serialization;

internal sealed class LocaleEntry
{
    [JsonPropertyName("locale")]
    public string? Locale { get; set; }

    [JsonPropertyName("call_to_actions")]
    public List<CallToAction>? CallToActions { get; set; }
}
