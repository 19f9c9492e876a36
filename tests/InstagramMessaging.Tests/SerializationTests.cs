using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Json;
using Xunit;

namespace InstagramMessaging.Tests;

public class SerializationTests
{
    private static readonly Recipient User = Recipient.Id("1254459154682919");

    [Fact]
    public void Text_message_is_exactly_Metas_body()
    {
        Assert.Equal(
            """{"recipient":{"id":"1254459154682919"},"message":{"text":"Hi! https://example.com"}}""",
            new TextMessage("Hi! https://example.com").ToJson(User));
    }

    [Fact]
    public void Reply_to_sits_at_the_top_level_beside_message()
    {
        Assert.Equal(
            """{"recipient":{"id":"1254459154682919"},"message":{"text":"Re: your question"},"reply_to":{"mid":"m_abc"}}""",
            new ThreadedReply("Re: your question", "m_abc").ToJson(User));
    }

    [Fact]
    public void Reply_to_is_left_out_when_null()
    {
        Assert.Equal(
            """{"recipient":{"id":"1254459154682919"},"message":{"text":"Hello"}}""",
            new ThreadedReply("Hello").ToJson(User));
    }

    [Fact]
    public void Options_add_messaging_type_and_tag()
    {
        Assert.Equal(
            """{"recipient":{"id":"1"},"messaging_type":"RESPONSE","message":{"text":"a"}}""",
            new TextMessage("a").ToJson(Recipient.Id("1"), SendOptions.Response));
        Assert.Equal(
            """{"recipient":{"id":"1"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT","message":{"text":"a"}}""",
            new TextMessage("a").ToJson(Recipient.Id("1"), SendOptions.HumanAgent));
        Assert.Equal(
            """{"recipient":{"id":"1"},"messaging_type":"UPDATE","message":{"text":"a"}}""",
            new TextMessage("a").ToJson(Recipient.Id("1"), new SendOptions { MessagingType = MessagingType.Update }));
    }

    [Fact]
    public void Message_tag_without_a_tag_is_refused()
    {
        var ex = Assert.Throws<System.ArgumentException>(() => new TextMessage("a").ToJson(User, new SendOptions { MessagingType = MessagingType.MessageTag }));
        Assert.Contains("MessageTag.HumanAgent", ex.Message);
    }

    [Fact]
    public void Private_reply_addresses_the_comment()
    {
        Assert.Equal(
            """{"recipient":{"comment_id":"17895695668004550"},"message":{"text":"Thanks!"}}""",
            new TextMessage("Thanks!").ToJson(Recipient.Comment("17895695668004550")));
    }

    [Fact]
    public void Default_recipient_is_refused()
    {
        Assert.Throws<System.ArgumentException>(() => new TextMessage("a").ToJson(default));
    }

    [Fact]
    public void Struct_and_nested_contracts_serialize()
    {
        Assert.Equal("""{"recipient":{"id":"1"},"message":{"text":"s"}}""", new StructMessage("s").ToJson(Recipient.Id("1")));
        Assert.Equal("""{"recipient":{"id":"1"},"message":{"text":"n"}}""", new Outer.Nested { Body = "n" }.ToJson(Recipient.Id("1")));
    }

    [Fact]
    public void Buffer_writer_and_json_writer_give_the_same_bytes_as_ToJson()
    {
        var message = new ThreadedReply("Crème brûlée <b>&</b> \"quoted\" 🎉", "m_1");
        var buffer = new ArrayBufferWriter<byte>();
        message.WriteTo(buffer, User);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("body");
            message.WriteTo(writer, User);
            writer.WriteEndObject();
        }

        Assert.Equal(message.ToJson(User), Encoding.UTF8.GetString(buffer.WrittenSpan));
        using var composed = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(message.ToJson(User), composed.RootElement.GetProperty("body").GetRawText());
    }

    public static TheoryData<string> Texts() => new()
    {
        "plain ascii text with digits 0123456789",
        "quote \" backslash \\ slash / apostrophe ' plus + backtick `",
        "html <script>alert(1)</script> & more",
        "control \n\r\t\b\f \u0001 \u001f del \u007f",
        "latin é ü ß, cjk 漢字, emoji 😀👍🏽, separators \u2028 \u2029",
        "",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Strings_are_escaped_exactly_as_System_Text_Json_escapes_them(string text)
    {
        var expected = JsonSerializer.Serialize(text);
        var json = new TextMessage(text).ToJson(Recipient.Id("1"));
        Assert.Equal("""{"recipient":{"id":"1"},"message":{"text":""" + expected + "}}", json);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(text, parsed.RootElement.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void Every_single_char_below_U0100_is_escaped_as_System_Text_Json_does()
    {
        for (var c = 0; c < 0x100; c++)
        {
            var text = "a" + (char)c + "b";
            Assert.Equal(
                """{"recipient":{"id":"1"},"message":{"text":""" + JsonSerializer.Serialize(text) + "}}",
                new TextMessage(text).ToJson(Recipient.Id("1")));
        }
    }
}
