using System;
using System.Buffers;
using System.ComponentModel;
using System.Text;

namespace InstagramMessaging.Serialization;

/// <summary>
/// Writes a message body as UTF-8 JSON straight into the span of an <see cref="IBufferWriter{T}"/>: constant
/// fragments are copied, strings are escaped exactly as System.Text.Json's default encoder does, and the buffer
/// is advanced once per span rather than once per fragment. Call <see cref="Flush"/> at the end. Used by
/// generated code; not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct MessageJsonWriter
{
    private const int MinimumSpan = 256;

    // Printable ASCII that System.Text.Json's default encoder leaves as it is. It escapes control characters,
    // DEL, everything outside ASCII, and the HTML-sensitive " & ' + < > ` as well as \.
    private static readonly SearchValues<char> s_unescaped = SearchValues.Create(
        " !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~");

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _position;

    /// <summary>Starts writing into <paramref name="output"/>.</summary>
    public MessageJsonWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _span = output.GetSpan(MinimumSpan);
        _position = 0;
    }

    /// <summary>Copies a constant, already valid JSON fragment.</summary>
    public void WriteRaw(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > _span.Length - _position)
        {
            Grow(utf8Json.Length);
        }

        utf8Json.CopyTo(_span.Slice(_position));
        _position += utf8Json.Length;
    }

    /// <summary>Writes a JSON string (with quotes), or <c>null</c>.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteRaw("null"u8);
            return;
        }

        if (value.AsSpan().IndexOfAnyExcept(s_unescaped) < 0)
        {
            // Nothing to escape: every char is one ASCII byte.
            if (value.Length + 2 > _span.Length - _position)
            {
                Grow(value.Length + 2);
            }

            var span = _span.Slice(_position);
            span[0] = (byte)'"';
            var written = Encoding.ASCII.GetBytes(value, span.Slice(1));
            span[written + 1] = (byte)'"';
            _position += written + 2;
            return;
        }

        WriteEscaped(value);
    }

    /// <summary>Hands everything written to the buffer writer.</summary>
    public void Flush()
    {
        _output.Advance(_position);
        _position = 0;
        _span = default;
    }

    private void Grow(int needed)
    {
        _output.Advance(_position);
        _position = 0;
        _span = _output.GetSpan(Math.Max(needed, MinimumSpan));
    }

    // Escapes exactly as System.Text.Json's default encoder: short forms for \b \f \n \r \t and \\, \uXXXX
    // (upper-case hex) for every other character outside printable ASCII or HTML-sensitive, surrogate pairs as two
    // escapes, and a lone surrogate as \uFFFD. The exhaustive and property tests hold it to System.Text.Json.
    private void WriteEscaped(string value)
    {
        var needed = (value.Length * 6) + 2;
        if (needed > _span.Length - _position)
        {
            Grow(needed);
        }

        var span = _span;
        var at = _position;
        span[at++] = (byte)'"';
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x80 && s_unescaped.Contains(c))
            {
                span[at++] = (byte)c;
                continue;
            }

            switch (c)
            {
                case '\b': at = Short(span, at, (byte)'b'); continue;
                case '\f': at = Short(span, at, (byte)'f'); continue;
                case '\n': at = Short(span, at, (byte)'n'); continue;
                case '\r': at = Short(span, at, (byte)'r'); continue;
                case '\t': at = Short(span, at, (byte)'t'); continue;
                case '\\': at = Short(span, at, (byte)'\\'); continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                at = Unicode(span, at, c);
                at = Unicode(span, at, value[++i]);
            }
            else
            {
                at = Unicode(span, at, char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        span[at++] = (byte)'"';
        _position = at;
    }

    private static int Short(Span<byte> span, int at, byte letter)
    {
        span[at] = (byte)'\\';
        span[at + 1] = letter;
        return at + 2;
    }

    private static int Unicode(Span<byte> span, int at, char c)
    {
        span[at] = (byte)'\\';
        span[at + 1] = (byte)'u';
        span[at + 2] = Hex(c >> 12);
        span[at + 3] = Hex((c >> 8) & 0xF);
        span[at + 4] = Hex((c >> 4) & 0xF);
        span[at + 5] = Hex(c & 0xF);
        return at + 6;
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}
