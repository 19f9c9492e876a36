using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Xunit;

namespace InstagramMessaging.Tests;

// The generated writer's fast escaping must be byte-for-byte System.Text.Json's default output, for any string.
public class EscapingPropertyTests
{
    private static readonly Recipient User = Recipient.Id("1");

    // Printable ASCII, the characters that need escaping, multi-byte text, emoji halves and whole, separators.
    private static readonly Gen<char> Interesting = Gen.OneOf(
        Gen.Char['\u0020', '\u007e'],
        Gen.Char['\u0000', '\u001f'],
        Gen.OneOf<char>('"', '\\', '/', '<', '>', '&', '\'', '+', '`', '\u007f', '\u2028', '\u2029', '\u00e9', '\u4e2d'),
        Gen.Char['\ud800', '\udfff'],
        Gen.Char);

    private static readonly Gen<string> Strings = Gen.OneOf(
        Gen.String[Interesting, 0, 40],
        Gen.String[Gen.Char['\u0020', '\u007e'], 0, 200],
        Gen.OneOf<string>("</script>", "😀👍🏽", "\ud83d", "a\udc00b", "\u2028\u2029", "caf\u00e9 & \"bar\""));

    [Fact]
    public void Generated_output_is_System_Text_Jsons_output_for_any_string()
    {
        Strings.Sample(text =>
        {
            string? expected;
            try
            {
                expected = JsonSerializer.Serialize(text);
            }
            catch (ArgumentException)
            {
                expected = null; // System.Text.Json refuses invalid UTF-16 (lone surrogates); so must we.
            }

            if (expected is null)
            {
                Assert.ThrowsAny<ArgumentException>(() => new TextMessage(text).ToJson(User));
                return;
            }

            var buffer = new ArrayBufferWriter<byte>();
            new TextMessage(text).WriteTo(buffer, User);
            var expectedBytes = Encoding.UTF8.GetBytes("""{"recipient":{"id":"1"},"message":{"text":""" + expected + "}}");
            Assert.True(expectedBytes.AsSpan().SequenceEqual(buffer.WrittenSpan), $"differs for {JsonSerializer.Serialize(text)}");

            // It parses back to the text; a lone surrogate comes back as U+FFFD, exactly as System.Text.Json's own does.
            using var parsed = JsonDocument.Parse(buffer.WrittenMemory);
            Assert.Equal(JsonSerializer.Deserialize<string>(expected), parsed.RootElement.GetProperty("message").GetProperty("text").GetString());
            if (Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) == text)
            {
                Assert.Equal(text, parsed.RootElement.GetProperty("message").GetProperty("text").GetString());
            }
        }, iter: 20_000);
    }
}
