using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace InstagramMessaging.Webhooks;

// The second pass's view of a body: walks the tape WebhookTape recorded with the members of Utf8JsonReader the parser
// uses, each a read of the current token (Read is one increment, Skip one jump to the container's end). The JSON is
// known to be well formed, so only the values are checked: strings are decoded strictly (invalid UTF-8 throws, as
// Utf8JsonReader.GetString does), and the rare escaped value or non-plain number goes through a Utf8JsonReader over
// that one token, so it reads exactly as it would have.
internal ref struct WebhookTapeReader
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _body;

    // The tape's first and last tokens, and the token the reader stands on: a cursor, so a read of the current token
    // is one load and Read one comparison and one add. The tape is well formed (pass 1 checked the JSON), so every
    // walk the parser does stays inside it; Read checks the end all the same.
    private readonly ref readonly WebhookTapeToken _first;
    private readonly ref readonly WebhookTapeToken _last;
    private ref readonly WebhookTapeToken _current;

    // A reader standing before the token at index (its first Read moves onto it). Before the first token, the cursor
    // points at the tape array's header (inside the array object, so the GC still tracks it); it is never read there.
    public WebhookTapeReader(ReadOnlySpan<byte> body, ReadOnlySpan<WebhookTapeToken> tape, int index = 0)
    {
        _body = body;
        _first = ref MemoryMarshal.GetReference(tape);
        _last = ref Unsafe.Add(ref Unsafe.AsRef(in _first), tape.Length - 1);
        _current = ref Unsafe.Add(ref Unsafe.AsRef(in _first), index - 1);
    }

    // The index of the token the reader stands on (for a reader started there later).
    public readonly int Position => (int)(Unsafe.ByteOffset(in _first, in _current) / Unsafe.SizeOf<WebhookTapeToken>());

    private readonly ref readonly WebhookTapeToken Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _current;
    }

    public readonly JsonTokenType TokenType => Current.Type;

    public readonly bool ValueIsEscaped => Current.IsEscaped;

    public readonly ReadOnlySpan<byte> ValueSpan => _body.Slice(Current.ValueStart, Current.ValueLength);

    // Where the value's bytes start in the body (inside the quotes for a string).
    public readonly int ValueStart => Current.ValueStart;

    // As Utf8JsonReader's: where the token starts (its opening quote for a string).
    public readonly int TokenStartIndex => Current.ValueStart - (IsQuoted(Current.Type) ? 1 : 0);

    // As Utf8JsonReader's: the offset just past the token (used on object and array ends).
    public readonly int BytesConsumed => Current.ValueStart + Current.ValueLength + (IsQuoted(Current.Type) ? 1 : 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Read()
    {
        if (Unsafe.AreSame(in _current, in _last))
        {
            return false;
        }

        _current = ref Unsafe.Add(ref Unsafe.AsRef(in _current), 1);
        return true;
    }

    // As Utf8JsonReader.Skip: from a property name past its value, from an object or array start to its end.
    public void Skip()
    {
        if (_current.Type == JsonTokenType.PropertyName)
        {
            _current = ref Unsafe.Add(ref Unsafe.AsRef(in _current), 1);
        }

        if (_current.Type is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            _current = ref Unsafe.Add(ref Unsafe.AsRef(in _first), _current.End);
        }
    }

    public readonly bool ValueTextEquals(ReadOnlySpan<byte> text)
    {
        ref readonly var token = ref Current;
        if (!IsQuoted(token.Type))
        {
            throw new InvalidOperationException($"Cannot compare the text of a {token.Type} token.");
        }

        if (!token.IsEscaped)
        {
            return _body.Slice(token.ValueStart, token.ValueLength).SequenceEqual(text);
        }

        var reader = TokenReader();
        return reader.ValueTextEquals(text);
    }

    public readonly string? GetString()
    {
        ref readonly var token = ref Current;
        if (token.Type == JsonTokenType.Null)
        {
            return null;
        }

        if (!IsQuoted(token.Type))
        {
            throw new InvalidOperationException($"Cannot read a {token.Type} token as a string.");
        }

        if (token.IsEscaped)
        {
            return EscapedString();
        }

        return token.ValueLength == 0 ? string.Empty : Strict.GetString(_body.Slice(token.ValueStart, token.ValueLength));
    }

    private readonly string? EscapedString()
    {
        var reader = TokenReader();
        return reader.GetString();
    }

    // As Utf8JsonReader.CopyString: the unescaped bytes into destination, their count returned.
    public readonly int CopyString(Span<byte> destination)
    {
        var reader = TokenReader();
        return reader.CopyString(destination);
    }

    public readonly bool TryGetInt64(out long value)
    {
        var reader = TokenReader();
        return reader.TryGetInt64(out value);
    }

    public readonly bool TryGetDouble(out double value)
    {
        var reader = TokenReader();
        return reader.TryGetDouble(out value);
    }

    // A Utf8JsonReader standing on this one token, read alone (a property name reads as the string it is).
    private readonly Utf8JsonReader TokenReader()
    {
        var reader = new Utf8JsonReader(_body[TokenStartIndex..BytesConsumed]);
        reader.Read();
        return reader;
    }

    private static bool IsQuoted(JsonTokenType type) => type is JsonTokenType.String or JsonTokenType.PropertyName;
}
