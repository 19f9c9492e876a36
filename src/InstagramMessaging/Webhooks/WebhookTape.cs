using System;
using System.Buffers;
using System.Text.Json;

namespace InstagramMessaging.Webhooks;

// The first of the parser's two passes: the body tokenized by one tight loop into a tape of tokens (no strings, no
// objects). It is the one place Utf8JsonReader is used, from one Read call site with the reader a local, which is the
// shape into which the JIT inlines the whole tokenizer. Malformed JSON (and nesting past 64 levels) throws
// JsonException here, before any event is built; the second pass walks the tape (WebhookTapeReader).
internal static class WebhookTape
{
    // A first guess at the tape's length: Meta's bodies run ~9 bytes per token; a denser body grows the tape.
    public static WebhookTapeToken[] Rent(int bodyLength)
        => ArrayPool<WebhookTapeToken>.Shared.Rent(Math.Max(64, bodyLength / 6));

    public static void Return(WebhookTapeToken[] tape) => ArrayPool<WebhookTapeToken>.Shared.Return(tape);

    // Records every token of the body in tape (replaced by a larger pooled array when it fills up) and returns the
    // number of tokens.
    public static int Build(ReadOnlySpan<byte> body, ref WebhookTapeToken[] tape)
    {
        var reader = new Utf8JsonReader(body);
        var tokens = tape;
        var count = 0;

        // The innermost open object or array; each open one's End holds the one around it until its own end comes
        // (a chain through the tape, no stack: a stackalloc would keep the method from tiering up, and so from
        // being compiled with the tokenizer inlined).
        var open = -1;
        while (reader.Read())
        {
            if (count == tokens.Length)
            {
                tokens = Grow(ref tape, count);
            }

            ref var token = ref tokens[count];
            var type = reader.TokenType;
            token.Type = type;
            switch (type)
            {
                case JsonTokenType.String:
                case JsonTokenType.PropertyName:
                    token.ValueStart = (int)reader.TokenStartIndex + 1;
                    token.ValueLength = reader.ValueSpan.Length;
                    token.IsEscaped = reader.ValueIsEscaped;
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    token.ValueStart = (int)reader.TokenStartIndex;
                    token.ValueLength = 1;
                    token.IsEscaped = false;
                    token.End = open;
                    open = count;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    token.ValueStart = (int)reader.TokenStartIndex;
                    token.ValueLength = 1;
                    token.IsEscaped = false;
                    ref var start = ref tokens[open];
                    open = start.End;
                    start.End = count;
                    break;
                default:
                    token.ValueStart = (int)reader.TokenStartIndex;
                    token.ValueLength = reader.ValueSpan.Length;
                    token.IsEscaped = false;
                    break;
            }

            count++;
        }

        return count;
    }

    private static WebhookTapeToken[] Grow(ref WebhookTapeToken[] tape, int count)
    {
        var larger = ArrayPool<WebhookTapeToken>.Shared.Rent(tape.Length * 2);
        tape.AsSpan(0, count).CopyTo(larger);
        ArrayPool<WebhookTapeToken>.Shared.Return(tape);
        tape = larger;
        return larger;
    }
}
