using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace InstagramMessaging.Serialization;

// Bodies and answers of messenger_profile (ice breakers, persistent menu). Not a hot path: Utf8JsonWriter is plenty.
internal static class ProfileJson
{
    public static ReadOnlyMemory<byte> IceBreakers(IReadOnlyList<IceBreakerSet> sets)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("platform", "instagram");
            json.WriteStartArray("ice_breakers");
            foreach (var set in sets)
            {
                json.WriteStartObject();
                json.WriteString("locale", set.Locale);
                json.WriteStartArray("call_to_actions");
                foreach (var question in set.Questions)
                {
                    json.WriteStartObject();
                    json.WriteString("question", question.Question);
                    json.WriteString("payload", question.Payload);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    public static ReadOnlyMemory<byte> PersistentMenu(IReadOnlyList<PersistentMenu> menus)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("persistent_menu");
            foreach (var menu in menus)
            {
                json.WriteStartObject();
                json.WriteString("locale", menu.Locale);
                json.WriteStartArray("call_to_actions");
                foreach (var item in menu.Items)
                {
                    json.WriteStartObject();
                    switch (item)
                    {
                        case UrlButton url:
                            json.WriteString("type", "web_url");
                            json.WriteString("title", url.Title);
                            json.WriteString("url", url.Address);
                            break;
                        case PostbackButton postback:
                            json.WriteString("type", "postback");
                            json.WriteString("title", postback.Title);
                            json.WriteString("payload", postback.Payload);
                            break;
                        default:
                            throw new InvalidOperationException("Button type " + item.GetType().Name + " has no persistent menu JSON in ProfileJson.PersistentMenu.");
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    public static IReadOnlyList<IceBreakerSet> ReadIceBreakers(GraphResponse response)
        => (response.Data ?? new()).SelectMany(d => d.IceBreakers ?? new())
            .Select(e => new IceBreakerSet(
                e.Locale ?? IceBreakerSet.DefaultLocale,
                (e.CallToActions ?? new()).Select(c => new IceBreaker(c.Question ?? string.Empty, c.Payload ?? string.Empty)).ToArray()))
            .ToArray();

    public static IReadOnlyList<PersistentMenu> ReadPersistentMenu(GraphResponse response)
        => (response.Data ?? new()).SelectMany(d => d.PersistentMenu ?? new())
            .Select(e => new PersistentMenu(
                e.Locale ?? IceBreakerSet.DefaultLocale,
                (e.CallToActions ?? new()).Select(c => c.Type == "web_url"
                    ? (Button)Button.Url(c.Title ?? string.Empty, c.Url ?? string.Empty)
                    : Button.Postback(c.Title ?? string.Empty, c.Payload ?? string.Empty)).ToArray()))
            .ToArray();
}
