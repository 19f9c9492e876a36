using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static InstagramMessaging.Testing.Tests.RawGraphRequests;

namespace InstagramMessaging.Testing.Tests;

// The emulator's messages edge (SendRequestValidator and delivery): the platform's answers to each send kind and
// each broken rule, spoken to in raw JSON.
public class EmulatorMessagesEdgeTests
{
    public static TheoryData<string> ValidBodies() => new()
    {
        """{"recipient":{"id":"1"},"message":{"attachment":{"type":"image","payload":{"url":"https://cdn.example.com/a.jpg"}}}}""",
        """{"recipient":{"id":"1"},"message":{"attachment":{"type":"image","payload":{"url":"https://cdn.example.com/a.gif"}}}}""",
        """{"recipient":{"id":"1"},"message":{"attachments":[{"type":"image","payload":{"url":"https://a.example/1.jpg"}},{"type":"image","payload":{"url":"https://a.example/2.png"}}]}}""",
        """{"recipient":{"id":"1"},"message":{"attachment":{"type":"audio","payload":{"url":"https://a.example/a.aac"}}}}""",
        """{"recipient":{"id":"1"},"message":{"attachment":{"type":"video","payload":{"url":"https://a.example/v.webm"}}}}""",
        """{"recipient":{"id":"1"},"message":{"attachment":{"type":"file","payload":{"url":"https://a.example/f.pdf"}}}}""",
        """{"recipient":{"id":"1"},"message":{"attachment":{"type":"MEDIA_SHARE","payload":{"id":"178"}}}}""",
        """{"recipient":{"id":"1"},"message":{"attachment":{"type":"like_heart"}}}""",
        """{"recipient":{"id":"1"},"messaging_type":"RESPONSE","message":{"text":"Pick one","quick_replies":[{"content_type":"text","title":"Yes","payload":"Q_YES"}]}}""",
        """{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[{"title":"Welcome!","subtitle":"Hats","image_url":"https://a.example/h.jpg","default_action":{"type":"web_url","url":"https://a.example"},"buttons":[{"type":"web_url","url":"https://a.example","title":"View"},{"type":"postback","title":"Start","payload":"START"}]}]}}}}""",
        """{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"button","text":"What next?","buttons":[{"type":"postback","title":"Talk","payload":"TALK"}]}}}}""",
        """{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"product","elements":[{"id":"p1"},{"id":"p2"}]}}}}""",
    };

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public async Task Metas_documented_bodies_are_delivered(string json)
    {
        var emulator = new GraphApiEmulator();
        var (status, body) = await PostAsync(emulator, json);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(body.GetProperty("message_id").GetString(), Assert.Single(emulator.Conversation("1")).MessageId);
    }

    public static TheoryData<string, int, int?> BrokenBodies()
    {
        var images = string.Join(",", Enumerable.Range(0, 11).Select(i => $$$$$"""{"type":"image","payload":{"url":"https://a.example/{{{{{i}}}}}.jpg"}}"""));
        var elements = string.Join(",", Enumerable.Range(0, 11).Select(i => $$$$$"""{"title":"T{{{{{i}}}}}","subtitle":"s"}"""));
        var replies = string.Join(",", Enumerable.Range(0, 14).Select(i => $$$$$"""{"content_type":"text","title":"Q{{{{{i}}}}}","payload":"P"}"""));
        var buttons = string.Join(",", Enumerable.Range(0, 4).Select(i => $$$$$"""{"type":"postback","title":"B{{{{{i}}}}}","payload":"P"}"""));
        return new()
        {
            { $$$$$"""{"recipient":{"id":"1"},"message":{"attachments":[{{{{{images}}}}}]}}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"attachments":[{"type":"video","payload":{"url":"https://a.example/v.mp4"}},{"type":"image","payload":{"url":"https://a.example/1.jpg"}}]}}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"text":"hi","attachment":{"type":"image","payload":{"url":"https://a.example/1.jpg"}}}}""", 100, 2534015 },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"audio","payload":{"url":"https://a.example/a.mp3"}}}}""", 100, 2018047 },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"image","payload":{"url":"/a.jpg"}}}}""", 100, 2018008 },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"image","payload":{"attachment_id":"unknown"}}}}""", 100, 2018074 },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"image","payload":{}}}}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"sticker","payload":{"url":"https://a.example/s.png"}}}}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"MEDIA_SHARE","payload":{}}}}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"like_heart","payload":{}}}}""", 100, null },
            { $$$$$"""{"recipient":{"id":"1"},"message":{"text":"Pick","quick_replies":[{{{{{replies}}}}}]}}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"text":"Pick","quick_replies":[{"content_type":"user_phone_number","title":"x","payload":"p"}]}}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"image","payload":{"url":"https://a.example/1.jpg"}},"quick_replies":[{"content_type":"text","title":"x","payload":"p"}]}}""", 100, 2534015 },
            { $$$$$"""{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[{{{{{elements}}}}}]}}}}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[{"title":"Only a title"}]}}}}""", 100, null },
            { $$$$$"""{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[{"title":"{{{{{new string('t', 81)}}}}}","subtitle":"s"}]}}}}""", 100, null },
            { $$$$$"""{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[{"title":"T","buttons":[{{{{{buttons}}}}}]}]}}}}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[{"title":"T","buttons":[{"type":"phone_number","title":"Call","payload":"+1"}]}]}}}}""", 100, null },
            { $$$$$"""{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"button","text":"{{{{{new string('x', 641)}}}}}","buttons":[{"type":"postback","title":"B","payload":"P"}]}}}}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"button","text":"Next","buttons":[]}}}}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"product","elements":[]}}}}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"receipt"}}}}""", 100, null },
            { """{"recipient":{"id":"1"},"sender_action":"react","payload":{"message_id":"m_1"}}""", 100, null },
            { """{"recipient":{"id":"1"},"sender_action":"unreact","payload":{"message_id":"m_1","reaction":"love"}}""", 100, null },
            { """{"recipient":{"id":"1"},"sender_action":"typing_on","payload":{"message_id":"m_1"}}""", 100, null },
            { """{"recipient":{"id":"1"},"sender_action":"dance"}""", 100, null },
            { """{"recipient":{"id":"1"},"message":{"text":"x"},"payload":{"message_id":"m_1"}}""", 100, null },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task Broken_rules_get_Metas_codes(string json, int code, int? subcode)
    {
        var emulator = new GraphApiEmulator();
        var (status, body) = await PostAsync(emulator, json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal((code, subcode), Error(body));
        Assert.Empty(emulator.DeliveredMessages);
        Assert.Empty(emulator.Actions);
    }

    // Meta counts characters, not UTF-16 units: 80 emoji (160 UTF-16 units) are an 80-character title and pass;
    // the 81st is refused. The same for the button template's 640-character text.
    [Fact]
    public async Task Character_limits_count_an_emoji_as_one_character()
    {
        var emulator = new GraphApiEmulator();
        static string Generic(string title) => $$$$$"""{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[{"title":"{{{{{title}}}}}","subtitle":"{{{{{title}}}}}"}]}}}}""";
        static string Button(string text) => $$$$$"""{"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"button","text":"{{{{{text}}}}}","buttons":[{"type":"postback","title":"B","payload":"P"}]}}}}""";
        var emoji = "\U0001F600";

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(emulator, Generic(string.Concat(Enumerable.Repeat(emoji, 80))))).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(emulator, Button(string.Concat(Enumerable.Repeat(emoji, 640))))).Status);
        Assert.Equal((100, (int?)null), Error((await PostAsync(emulator, Generic(string.Concat(Enumerable.Repeat(emoji, 81))))).Body));
        Assert.Equal((100, (int?)null), Error((await PostAsync(emulator, Button(string.Concat(Enumerable.Repeat(emoji, 641))))).Body));
        Assert.Equal(2, emulator.DeliveredMessages.Count);
    }

    [Fact]
    public async Task The_multi_image_gate_answers_exactly_as_Meta_documents()
    {
        var emulator = new GraphApiEmulator { MultiImageAvailable = false };
        var (_, body) = await PostAsync(emulator, """{"recipient":{"id":"1"},"message":{"attachments":[{"type":"image","payload":{"url":"https://a.example/1.jpg"}},{"type":"image","payload":{"url":"https://a.example/2.jpg"}}]}}""");

        var error = body.GetProperty("error");
        Assert.Equal("The requested feature isn't available yet. Please check back later.", error.GetProperty("message").GetString());
        Assert.Equal("IGApiException", error.GetProperty("type").GetString());
        Assert.True(error.GetProperty("is_transient").GetBoolean());
        Assert.Equal((2, 2534068), (error.GetProperty("code").GetInt32(), error.GetProperty("error_subcode").GetInt32()));

        var (single, _) = await PostAsync(emulator, """{"recipient":{"id":"1"},"message":{"attachments":[{"type":"image","payload":{"url":"https://a.example/1.jpg"}}]}}""");
        Assert.Equal(HttpStatusCode.OK, single);
    }

    [Fact]
    public async Task Reactions_answer_with_the_recipient_only_and_are_logged()
    {
        var emulator = new GraphApiEmulator();
        var (status, body) = await PostAsync(emulator, """{"recipient":{"id":"1"},"sender_action":"react","payload":{"message_id":"m_1","reaction":"love"}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"recipient_id":"1"}""", body.GetRawText());
        Assert.Equal(new EmulatedAction("1", "react", "m_1", "love"), Assert.Single(emulator.Actions) with { ReceivedAt = default });
        Assert.Empty(emulator.DeliveredMessages);
    }

    // Conversation routing (send-api spec error table): while another app owns the customer's thread, the app under test
    // can neither write nor act (sender actions go through the same edge); other customers and a thread taken back are
    // not affected.
    [Fact]
    public async Task While_another_app_owns_the_thread_sends_and_sender_actions_are_refused_with_2534037()
    {
        var emulator = new GraphApiEmulator();
        const string Text = """{"recipient":{"id":"1"},"message":{"text":"Still there?"}}""";
        await emulator.Webhooks.PassThreadControlAsync("1", EmulatorWebhooks.PageInboxAppId);

        var (status, body) = await PostAsync(emulator, Text);
        var (_, typing) = await PostAsync(emulator, """{"recipient":{"id":"1"},"sender_action":"typing_on"}""");
        var (_, react) = await PostAsync(emulator, """{"recipient":{"id":"1"},"sender_action":"react","payload":{"message_id":"m_1","reaction":"love"}}""");
        var (other, _) = await PostAsync(emulator, """{"recipient":{"id":"2"},"message":{"text":"Hello"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal((100, (int?)2534037), Error(body));
        var message = body.GetProperty("error").GetProperty("message").GetString();
        Assert.StartsWith("(#100) Not the thread owner", message);
        Assert.Contains(EmulatorWebhooks.PageInboxAppId, message);
        Assert.Equal((100, (int?)2534037), Error(typing));
        Assert.Equal((100, (int?)2534037), Error(react));
        Assert.Equal(HttpStatusCode.OK, other);
        Assert.Empty(emulator.Conversation("1"));
        Assert.Empty(emulator.Actions);

        await emulator.Webhooks.TakeThreadControlAsync("1", emulator.Webhooks.AppId);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(emulator, Text)).Status);
        Assert.Single(emulator.Conversation("1"));
    }
}
