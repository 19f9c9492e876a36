using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace InstagramMessaging.Webhooks;

// The strings of one body that may repeat inside it (a customer's id over several items, the payload and title of a
// chip or button many customers tap, reactions, referral sources): a string value whose raw bytes equal those of one
// already created in this parse is that same string, found by comparing bytes instead of decoding again. Equal raw
// bytes always decode to equal text (the same escapes unescape the same way); an escaped value and its unescaped twin
// differ in bytes and get two equal strings. It lives on the stack for one parse (no allocation of its own) and
// remembers at most Slots values; past that, or for long values, strings are created as usual.
internal ref struct WebhookStringTable
{
    private const int Slots = 16;
    private const int MaxProbes = 4;

    // Longer values (message texts, URLs) rarely repeat; comparing them would cost more than it saves.
    private const int MaxLength = 128;

    private readonly ReadOnlySpan<byte> _body;
    private Entries _entries;
    private Entry _customer;

    public WebhookStringTable(ReadOnlySpan<byte> body)
    {
        _body = body;
        _entries = default;
    }

    // The next value, as WebhookJson.ReadString reads it, shared when it repeats.
    public string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return CurrentString(ref reader);
    }

    // The value the reader stands on, as WebhookJson.CurrentString reads it, shared when it repeats.
    public string? CurrentString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return WebhookJson.CurrentString(ref reader);
        }

        var raw = reader.ValueSpan;
        if (raw.Length is 0 or > MaxLength)
        {
            return WebhookJson.StringValue(ref reader);
        }

        // Every reader of a parse reads the body or a slice of it, so the value's bytes sit at an offset in it.
        var offset = (nint)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(_body), ref MemoryMarshal.GetReference(raw));
        if ((nuint)offset > (nuint)(_body.Length - raw.Length))
        {
            return WebhookJson.StringValue(ref reader);
        }

        var index = Hash(raw);
        for (var probe = 0; probe < MaxProbes; probe++, index++)
        {
            ref var entry = ref _entries[(int)(index & (Slots - 1))];
            if (entry.Value is null)
            {
                var created = WebhookJson.StringValue(ref reader);
                entry.Value = created;
                entry.Offset = (int)offset;
                entry.Length = raw.Length;
                return created;
            }

            if (entry.Length == raw.Length && _body.Slice(entry.Offset, entry.Length).SequenceEqual(raw))
            {
                return entry.Value;
            }
        }

        return WebhookJson.StringValue(ref reader);
    }

    // A customer's id: the same customer's items often follow each other, so the id is compared with the previous
    // customer's only (no hashing; a batch of many customers costs one length check per item).
    public string? CurrentCustomerId(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (reader.TokenType == JsonTokenType.String && _customer.Value is { } previous && raw.Length == _customer.Length
            && _body.Slice(_customer.Offset, _customer.Length).SequenceEqual(raw))
        {
            return previous;
        }

        var created = WebhookJson.CurrentString(ref reader);
        if (created is not null && reader.TokenType == JsonTokenType.String)
        {
            var offset = (nint)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(_body), ref MemoryMarshal.GetReference(raw));
            if ((nuint)offset <= (nuint)(_body.Length - raw.Length))
            {
                _customer.Value = created;
                _customer.Offset = (int)offset;
                _customer.Length = raw.Length;
            }
        }

        return created;
    }

    // Length and the first and last 8 bytes: ids that differ in their last digits, and texts that differ anywhere near
    // their ends, land apart; a collision only costs a byte comparison.
    private static uint Hash(ReadOnlySpan<byte> raw)
    {
        ulong h;
        ref var start = ref MemoryMarshal.GetReference(raw);
        if (raw.Length >= 8)
        {
            h = Unsafe.ReadUnaligned<ulong>(ref start);
            h = (h * 0x9E3779B97F4A7C15UL) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, raw.Length - 8));
        }
        else
        {
            h = 0;
            foreach (var b in raw)
            {
                h = (h << 8) | b;
            }
        }

        h = (h ^ (uint)raw.Length) * 0x9E3779B97F4A7C15UL;
        return (uint)(h >> 40);
    }

    private struct Entry
    {
        public string? Value;
        public int Offset;
        public int Length;
    }

    [InlineArray(Slots)]
    private struct Entries
    {
        private Entry _first;
    }
}
