using System;
using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstagramMessaging.Testing;

// Writes webhook bodies byte for byte as Meta does: compact for messaging, ", "/": " separators for changes (comments),
// keys in insertion order, every non-ASCII character as a lowercase \uXXXX escape (an emoji becomes its surrogate
// pair). System.Text.Json's writer is not used: it writes uppercase hex and escapes HTML characters, which Meta does not.
internal static class WebhookBodyWriter
{
    /// <summary>The envelope for already written items of one account: one entry per item, or one entry holding them all.</summary>
    public static byte[] Envelope(string accountId, long entryTime, IReadOnlyList<string> items, bool oneEntryPerItem)
        => Envelope(accountId, entryTime, items, standby: null, oneEntryPerItem);

    /// <summary>
    /// The same, with each item in <c>standby</c> or <c>messaging</c> as <paramref name="standby"/> says (all in
    /// <c>messaging</c> when null); with one entry for all, a change of array starts a new entry.
    /// </summary>
    public static byte[] Envelope(string accountId, long entryTime, IReadOnlyList<string> items, IReadOnlyList<bool>? standby, bool oneEntryPerItem)
    {
        var text = new StringBuilder(64 + items.Sum(i => i.Length + 64));
        var entryStart = new StringBuilder("{\"time\":").Append(entryTime.ToString(CultureInfo.InvariantCulture)).Append(",\"id\":");
        AppendString(entryStart, accountId, escapeNonAscii: true);
        entryStart.Append(',');
        text.Append("{\"object\":\"instagram\",\"entry\":[");
        for (var i = 0; i < items.Count; i++)
        {
            var inStandby = standby is not null && standby[i];
            if (i == 0 || oneEntryPerItem || (standby is not null && inStandby != standby[i - 1]))
            {
                text.Append(i == 0 ? string.Empty : "]},").Append(entryStart).Append(inStandby ? "\"standby\":[" : "\"messaging\":[");
            }
            else
            {
                text.Append(',');
            }

            text.Append(items[i]);
        }

        text.Append("]}]}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// The envelope for already written <c>changes</c> items (spaced, see <see cref="Write"/>) of one account, in the
    /// key order of Meta's change bodies: <c>entry</c> before <c>object</c>, and <c>time</c> in epoch seconds.
    /// </summary>
    public static byte[] ChangesEnvelope(string accountId, long entryTimeSeconds, IReadOnlyList<string> changes, bool oneEntryPerItem)
    {
        var text = new StringBuilder(64 + changes.Sum(c => c.Length + 64));
        var entryStart = new StringBuilder("{\"id\": ");
        AppendString(entryStart, accountId, escapeNonAscii: true);
        entryStart.Append(", \"time\": ").Append(entryTimeSeconds.ToString(CultureInfo.InvariantCulture)).Append(", \"changes\": [");
        text.Append("{\"entry\": [");
        for (var i = 0; i < changes.Count; i++)
        {
            if (i == 0 || oneEntryPerItem)
            {
                text.Append(i == 0 ? string.Empty : "]}, ").Append(entryStart);
            }
            else
            {
                text.Append(", ");
            }

            text.Append(changes[i]);
        }

        text.Append("]}], \"object\": \"instagram\"}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Writes one node: compact (messaging), or with <c>", "</c> and <c>": "</c> separators when <paramref name="spaced"/> (changes).</summary>
    public static string Write(JsonNode? node, bool escapeNonAscii, bool spaced = false)
    {
        var text = new StringBuilder(256);
        Append(text, node, escapeNonAscii, spaced);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonNode? node, bool escapeNonAscii, bool spaced)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (name, value) in obj)
                {
                    if (!first)
                    {
                        text.Append(spaced ? ", " : ",");
                    }

                    first = false;
                    AppendString(text, name, escapeNonAscii);
                    text.Append(spaced ? ": " : ":");
                    Append(text, value, escapeNonAscii, spaced);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(spaced ? ", " : ",");
                    }

                    Append(text, array[i], escapeNonAscii, spaced);
                }

                text.Append(']');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        AppendString(text, value.GetValue<string>(), escapeNonAscii);
                        break;
                    case JsonValueKind.True:
                        text.Append("true");
                        break;
                    case JsonValueKind.False:
                        text.Append("false");
                        break;
                    case JsonValueKind.Number:
                        text.Append(value.ToJsonString());
                        break;
                    case JsonValueKind.Null:
                        text.Append("null");
                        break;
                    default:
                        throw new InvalidOperationException($"A JSON value of kind {value.GetValueKind()} cannot be written.");
                }

                break;
            default:
                throw new InvalidOperationException($"Unexpected JSON node {node.GetType().Name}.");
        }
    }

    private static void AppendString(StringBuilder text, string value, bool escapeNonAscii)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                default:
                    if (c < 0x20 || (c >= 0x80 && escapeNonAscii))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
