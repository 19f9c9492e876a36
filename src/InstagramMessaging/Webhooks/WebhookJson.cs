using System;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace InstagramMessaging.Webhooks;

// Lenient value reads: Meta sends some ids as numbers and some timestamps as strings. None of these throws on an
// unexpected token type; a value that cannot be read is null (and skipped, when it is an object or array).
internal static class WebhookJson
{
    public static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return CurrentString(ref reader);
    }

    // The value the reader stands on, as ReadString reads it.
    public static string? CurrentString(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return StringValue(ref reader);
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    // The string the reader stands on. Most values (ids, message ids, URLs, payloads) are unescaped ASCII: checked, then
    // widened in one pass (Latin-1 decoding is ASCII decoding for those bytes), which skips UTF-8's separate counting
    // and transcoding passes; anything else is decoded by the reader (strictly: invalid UTF-8 throws). An escaped
    // unpaired surrogate ("\ud83d" alone: valid JSON, RFC 8259 §8.2, e.g. an emoji cut in half) becomes U+FFFD instead
    // of failing the whole signed body, which Meta would then retry for hours with every good event in it.
    public static string StringValue(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && Ascii.IsValid(raw))
        {
            return Encoding.Latin1.GetString(raw);
        }

        return reader.ValueIsEscaped ? EscapedStringValue(ref reader) : reader.GetString()!;
    }

    // Apart from the fast path above, so that StringValue stays small enough to inline (a method with a try block is
    // never inlined).
    private static string EscapedStringValue(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return UnescapeReplacingLoneSurrogates(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
        }
    }

    // JSON string escapes undone as the reader does, except that an unpaired surrogate becomes U+FFFD. The reader has
    // already checked the escapes' syntax; raw bytes that are not UTF-8 still throw (the parser's format error).
    private static string UnescapeReplacingLoneSurrogates(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var i = 0;
        while (i < raw.Length)
        {
            var run = raw[i..].IndexOf((byte)'\\');
            var plain = run < 0 ? raw[i..] : raw.Slice(i, run);
            try
            {
                text.Append(strictUtf8.GetString(plain));
            }
            catch (DecoderFallbackException e)
            {
                throw new InvalidOperationException("A string value is not valid UTF-8.", e);
            }

            i += plain.Length;
            if (i >= raw.Length)
            {
                break;
            }

            var escape = raw[i + 1];
            if (escape != (byte)'u')
            {
                text.Append(escape switch
                {
                    (byte)'b' => '\b',
                    (byte)'f' => '\f',
                    (byte)'n' => '\n',
                    (byte)'r' => '\r',
                    (byte)'t' => '\t',
                    _ => (char)escape, // '"', '\\' and '/'
                });
                i += 2;
                continue;
            }

            var unit = HexUnit(raw.Slice(i + 2, 4));
            i += 6;
            var low = char.IsHighSurrogate(unit) && i + 6 <= raw.Length && raw[i] == (byte)'\\' && raw[i + 1] == (byte)'u' ? HexUnit(raw.Slice(i + 2, 4)) : '\0';
            if (char.IsLowSurrogate(low))
            {
                text.Append(unit).Append(low);
                i += 6;
            }
            else
            {
                text.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
            }
        }

        return text.ToString();
    }

    private static char HexUnit(ReadOnlySpan<byte> fourHexDigits)
        => (char)int.Parse(Encoding.ASCII.GetString(fourHexDigits), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    // A flag: true as a boolean or the string "true"; false for anything else (absent included).
    public static bool ReadBool(ref Utf8JsonReader reader) => ReadOptionalBool(ref reader) ?? false;

    // A flag whose absence means something else than false: true or false (also as strings); null for anything else.
    public static bool? ReadOptionalBool(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return reader.ValueTextEquals("true"u8) ? true : reader.ValueTextEquals("false"u8) ? false : null;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    public static long? ReadInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (TryReadDigits(reader.ValueSpan, out var digits))
                {
                    return digits;
                }

                if (reader.TryGetInt64(out var whole))
                {
                    return whole;
                }

                return reader.TryGetDouble(out var real) && double.IsFinite(real) && Math.Abs(real) < 9e18 ? (long)real : null;
            case JsonTokenType.String:
                if (!reader.HasValueSequence && !reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out long parsed, out var consumed)
                    && consumed == reader.ValueSpan.Length)
                {
                    return parsed;
                }

                return long.TryParse(StringValue(ref reader), NumberStyles.Integer, CultureInfo.InvariantCulture, out var text) ? text : null;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    // Timestamps and ids are plain digits: up to 16 of them are read 8 at a time (SWAR), no parser call needed. A sign,
    // a fraction or an exponent goes the general way.
    private static bool TryReadDigits(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.Length is < 9 or > 16)
        {
            return text.Length is > 0 and < 9 && TryReadDigitsSlowly(text, out value);
        }

        // The first 8 bytes hold the leading (Length - 8) digits in their low bytes: shifted up to the high bytes, the
        // freed low bytes become leading zeros. The last 8 bytes hold the last 8 digits.
        ref var start = ref MemoryMarshal.GetReference(text);
        var leadingCount = text.Length - 8;
        var leading = Unsafe.ReadUnaligned<ulong>(ref start);
        if (leadingCount < 8)
        {
            leading = (leading << (8 * (8 - leadingCount))) | (AsciiZeros >> (8 * leadingCount));
        }

        var trailing = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, leadingCount));
        if (!BitConverter.IsLittleEndian || !AreEightDigits(leading) || !AreEightDigits(trailing))
        {
            return TryReadDigitsSlowly(text, out value);
        }

        value = (long)((EightDigits(leading) * 100_000_000) + EightDigits(trailing));
        return true;
    }

    private const ulong AsciiZeros = 0x3030303030303030UL;

    // Every byte is '0'..'9': its high nibble is 3, and adding 6 keeps it there.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AreEightDigits(ulong bytes)
        => ((bytes & 0xF0F0F0F0F0F0F0F0UL) | (((bytes + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4)) == 0x3333333333333333UL;

    // Eight ASCII digits, the first in the lowest byte, as their number: pairs, then fours, then the whole.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigits(ulong bytes)
    {
        var digits = bytes - AsciiZeros;
        digits = (digits * 10) + (digits >> 8);
        return (((digits & 0x000000FF000000FFUL) * (100 + (1_000_000UL << 32)))
            + (((digits >> 16) & 0x000000FF000000FFUL) * (1 + (10_000UL << 32)))) >> 32;
    }

    private static bool TryReadDigitsSlowly(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.Length is 0 or > 18)
        {
            return false;
        }

        foreach (var c in text)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                value = 0;
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    // Whether the value the reader stands on is the text of known (ids are ASCII digits: no transcoding needed).
    public static bool Is(ref Utf8JsonReader reader, string known)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length != known.Length)
        {
            return false;
        }

        // Vectorized; false for any non-ASCII byte, which only means a second, equal string is created.
        return Ascii.Equals(reader.ValueSpan, known);
    }

    // The common attachment types as shared strings (a batch of images need not allocate "image" per attachment);
    // null for any other value.
    public static string? KnownAttachmentType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return null;
        }

        var value = reader.ValueSpan;
        return value.Length switch
        {
            5 when value.SequenceEqual("image"u8) => "image",
            5 when value.SequenceEqual("video"u8) => "video",
            5 when value.SequenceEqual("audio"u8) => "audio",
            4 when value.SequenceEqual("file"u8) => "file",
            5 when value.SequenceEqual("share"u8) => "share",
            7 when value.SequenceEqual("ig_reel"u8) => "ig_reel",
            4 when value.SequenceEqual("reel"u8) => "reel",
            7 when value.SequenceEqual("ig_post"u8) => "ig_post",
            13 when value.SequenceEqual("story_mention"u8) => "story_mention",
            _ => null,
        };
    }

    // Meta's times are epoch milliseconds (messaging) or seconds (changes, dashboard tests): decided by magnitude.
    public static DateTimeOffset? ToTime(long? epoch)
    {
        if (epoch is not { } value || value < 0)
        {
            return null;
        }

        var milliseconds = value < 100_000_000_000 ? value * 1000 : value;
        return milliseconds <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
    }

    // Moves past a property's value, whatever it is.
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    // Reads to the value's start and says whether it is an object (else skips it).
    public static bool EnterObject(ref Utf8JsonReader reader) => Enter(ref reader, JsonTokenType.StartObject);

    // Reads to the value's start and says whether it is an array (else skips it).
    public static bool EnterArray(ref Utf8JsonReader reader) => Enter(ref reader, JsonTokenType.StartArray);

    private static bool Enter(ref Utf8JsonReader reader, JsonTokenType start)
    {
        reader.Read();
        if (reader.TokenType == start)
        {
            return true;
        }

        reader.Skip();
        return false;
    }
}
