using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace InstagramMessaging.Serialization;

// messenger_profile GET: {"data":[{"ice_breakers":[...],"persistent_menu":[...]}]}
internal sealed class ProfileData
{
    [JsonPropertyName("ice_breakers")]
    public List<LocaleEntry>? IceBreakers { get; set; }

    [JsonPropertyName("persistent_menu")]
    public List<LocaleEntry>? PersistentMenu { get; set; }
}
