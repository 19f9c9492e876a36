using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace InstagramMessaging.Testing.Tests;

// Every request form Meta accepts, sent as raw HTTP: the token in the header, the URL or a form field; JSON,
// URL-encoded (fields as JSON text) and multipart bodies; Meta's own curl examples as written on its send page.
public class EmulatorRequestFormTests
{
    private const string Token = GraphApiEmulator.DefaultAccessToken;
    private const string Igsid = "1254459154682919";
    private const string EarlierMessage = "m_earlier";
    private const string ImageUrl = "https://cdn.example.com/photo.png";
    private const string UploadedId = "1840593102376";
    private const string PostId = "17895695668004550";
    private const string Text = "Your order is on its way! https://example.com/track";

    // The curl examples of Meta's send page (spec/seed-send-message.txt), with its documentation typos corrected:
    // the JSON examples' unclosed URL quote and missing line continuations, the "{ ... }" elisions, curly quotes
    // in the MEDIA_SHARE, like_heart and unreact examples, and the trailing commas of the react and unreact payloads.
    private static readonly Dictionary<string, string> s_curlExamples = new()
    {
        ["text or link"] = """
            curl -i -X POST \
            "https://graph.facebook.com/<API_VERSION>/me/messages?access_token=<PAGE_ACCESS_TOKEN>" \
            --data 'recipient={"id":"IGSID"}&message={"text":"TEXT-OR-LINK"}'
            """,
        ["image"] = """
            curl -X POST "https://graph.facebook.com/<API_VERSION>/me/messages?access_token=<PAGE_ACCESS_TOKEN>" \
            -H "Content-Type: application/json" \
            -d '{
            "recipient":{
            "id":"<IGSID>"
            },
            "message":{
            "attachment": {
            "type":"image",
            "payload":{
            "url":"<IMAGE_URL>"
            }
            }
            }
            }'
            """,
        ["images by url"] = """
            curl -X POST "https://graph.facebook.com/<API_VERSION>/me/messages?access_token=<PAGE_ACCESS_TOKEN>" \
            -H "Content-Type: application/json" \
            -d '{
            "recipient":{
            "id":"<IGSID>"
            },
            "message":{
            "attachments":[
            {
            "type":"image",
            "payload":{
            "url":"<IMAGE_URL>"
            }
            },
            {
            "type":"image",
            "payload":{
            "url":"<IMAGE_URL>"
            }
            }
            ]
            }
            }'
            """,
        ["images by attachment id"] = """
            curl -X POST "https://graph.facebook.com/<API_VERSION>/me/messages?access_token=<PAGE_ACCESS_TOKEN>" \
            -H "Content-Type: application/json" \
            -d '{
            "recipient":{
            "id":"<IGSID>"
            },
            "message":{
            "attachments":[
            {
            "type":"image",
            "payload":{
            "attachment_id":"<attachment_ID>"
            }
            },
            {
            "type":"image",
            "payload":{
            "attachment_id":"<attachment_ID>"
            }
            }
            ]
            }
            }'
            """,
        ["media share"] = """
            curl -i -X POST \
            "https://graph.facebook.com/<API_VERSION>/me/messages?access_token=<PAGE_ACCESS_TOKEN>" \
            --data 'recipient={"id":"IGSID"}&message={
            "attachment":
            {
            "type":"MEDIA_SHARE",
            "payload":{"id":"POST-ID"}
            }
            }'
            """,
        ["heart sticker"] = """
            curl -i -X POST \
            "https://graph.facebook.com/<API_VERSION>/me/messages?access_token=<PAGE_ACCESS_TOKEN>" \
            --data 'recipient={"id":"IGSID"}&message={
            "attachment":
            {
            "type":"like_heart"
            }
            }'
            """,
        ["react"] = """
            curl -i -X POST \
            "https://graph.facebook.com/<API_VERSION>/me/messages?access_token=<PAGE_ACCESS_TOKEN>" \
            --data 'recipient={"id":"IGSID"}&sender_action=react&payload={
            "message_id":"MESSAGE-ID",
            "reaction":"love"
            }'
            """,
        ["unreact"] = """
            curl -i -X POST \
            "https://graph.facebook.com/<API_VERSION>/me/messages?access_token=<PAGE_ACCESS_TOKEN>" \
            --data 'recipient={"id":"IGSID"}&sender_action="unreact"&payload={
            "message_id":"MESSAGE-ID"
            }'
            """,
        ["reply to a message"] = """
            curl -X POST "https://graph.facebook.com/<API_VERSION>/me/messages?access_token=<PAGE_ACCESS_TOKEN>" \
            -H "Content-Type: application/json" \
            -d '{
            "recipient":{
            "id":"<IGSID>"
            },
            "message":{
            "text": "TEXT"
            },
            "reply_to": {
            "mid": "<MESSAGE_ID>"
            }
            }'
            """,
    };

    public static TheoryData<string> CurlExamples() => new(s_curlExamples.Keys);

    public static TheoryData<string, string> CurlExamplesWithBadTokens()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in s_curlExamples.Keys)
        {
            data.Add(name, "wrong");
            data.Add(name, "missing");
        }

        return data;
    }

    private static string Fill(string command) => command
        .Replace("<API_VERSION>", "v25.0", StringComparison.Ordinal)
        .Replace("<PAGE_ACCESS_TOKEN>", Token, StringComparison.Ordinal)
        .Replace("<IGSID>", Igsid, StringComparison.Ordinal)
        .Replace("IGSID", Igsid, StringComparison.Ordinal)
        .Replace("<IMAGE_URL>", ImageUrl, StringComparison.Ordinal)
        .Replace("<attachment_ID>", UploadedId, StringComparison.Ordinal)
        .Replace("<MESSAGE_ID>", EarlierMessage, StringComparison.Ordinal)
        .Replace("MESSAGE-ID", EarlierMessage, StringComparison.Ordinal)
        .Replace("POST-ID", PostId, StringComparison.Ordinal)
        .Replace("TEXT-OR-LINK", Text, StringComparison.Ordinal)
        .Replace("\"TEXT\"", "\"" + Text + "\"", StringComparison.Ordinal);

    private static GraphApiEmulator NewEmulator()
    {
        var emulator = new GraphApiEmulator();
        emulator.AddAttachment(UploadedId);
        return emulator;
    }

    // Sends the command exactly as curl would, over a real socket, to the loopback server.
    private static async Task<(HttpStatusCode Status, JsonElement Body)> CurlAsync(GraphApiEmulatorServer server, string command)
    {
        using var http = new HttpClient();
        using var request = CurlCommand.Parse(command).ToRequest(server.BaseAddress);
        using var response = await http.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    private static void AssertError(JsonElement body, int code, int? subcode = null, string? messagePart = null)
    {
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal(subcode, error.TryGetProperty("error_subcode", out var s) ? s.GetInt32() : null);
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("fbtrace_id").GetString()));
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void The_curl_reader_builds_the_request_curl_sends()
    {
        var command = CurlCommand.Parse(Fill(s_curlExamples["media share"]));
        using var request = command.ToRequest(new Uri("http://127.0.0.1:5123/"));

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"http://127.0.0.1:5123/v25.0/me/messages?access_token={Token}", request.RequestUri!.ToString());
        Assert.Equal("application/x-www-form-urlencoded", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(
            $"recipient={{\"id\":\"{Igsid}\"}}&message={{\n\"attachment\":\n{{\n\"type\":\"MEDIA_SHARE\",\n\"payload\":{{\"id\":\"{PostId}\"}}\n}}\n}}",
            command.Data);
        Assert.Equal("application/json", CurlCommand.Parse(Fill(s_curlExamples["image"])).ToRequest(new Uri("http://127.0.0.1:1/")).Content!.Headers.ContentType!.MediaType);
    }

    [Theory]
    [MemberData(nameof(CurlExamples))]
    public async Task Each_curl_example_of_Metas_send_page_is_answered_as_Meta_answers(string example)
    {
        var emulator = NewEmulator();
        await using var server = await GraphApiEmulatorServer.StartAsync(emulator);

        var (status, body) = await CurlAsync(server, Fill(s_curlExamples[example]));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Igsid, body.GetProperty("recipient_id").GetString());
        var request = Assert.Single(emulator.Requests);
        Assert.Equal(EmulatedTokenLocation.Query, request.TokenLocation);
        Assert.True(request.TokenInUrl);
        Assert.Equal(s_curlExamples[example].Contains("application/json", StringComparison.Ordinal) ? EmulatedBodyFormat.Json : EmulatedBodyFormat.Form, request.BodyFormat);

        if (example is "react" or "unreact")
        {
            // Reactions answer with the recipient only.
            Assert.Equal(new[] { "recipient_id" }, body.EnumerateObject().Select(p => p.Name).ToArray());
            var action = Assert.Single(emulator.Actions);
            Assert.Equal((example, EarlierMessage, example == "react" ? "love" : null), (action.Action, action.MessageId, action.Reaction));
            Assert.Empty(emulator.DeliveredMessages);
            return;
        }

        Assert.Equal(new[] { "recipient_id", "message_id" }, body.EnumerateObject().Select(p => p.Name).ToArray());
        var delivered = Assert.Single(emulator.Conversation(Igsid));
        Assert.Equal(body.GetProperty("message_id").GetString(), delivered.MessageId);
        var expected = Fill(example switch
        {
            "text or link" => """{"recipient":{"id":"IGSID"},"message":{"text":"TEXT-OR-LINK"}}""",
            "image" => """{"recipient":{"id":"IGSID"},"message":{"attachment":{"type":"image","payload":{"url":"<IMAGE_URL>"}}}}""",
            "images by url" => """{"recipient":{"id":"IGSID"},"message":{"attachments":[{"type":"image","payload":{"url":"<IMAGE_URL>"}},{"type":"image","payload":{"url":"<IMAGE_URL>"}}]}}""",
            "images by attachment id" => """{"recipient":{"id":"IGSID"},"message":{"attachments":[{"type":"image","payload":{"attachment_id":"<attachment_ID>"}},{"type":"image","payload":{"attachment_id":"<attachment_ID>"}}]}}""",
            "media share" => """{"recipient":{"id":"IGSID"},"message":{"attachment":{"type":"MEDIA_SHARE","payload":{"id":"POST-ID"}}}}""",
            "heart sticker" => """{"recipient":{"id":"IGSID"},"message":{"attachment":{"type":"like_heart"}}}""",
            "reply to a message" => """{"recipient":{"id":"IGSID"},"message":{"text":"TEXT"},"reply_to":{"mid":"<MESSAGE_ID>"}}""",
            _ => throw new ArgumentOutOfRangeException(nameof(example), example, "An example with no expected body."),
        });
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(delivered.Body.GetRawText())), delivered.Body.GetRawText());
    }

    [Theory]
    [MemberData(nameof(CurlExamplesWithBadTokens))]
    public async Task Each_curl_example_with_a_wrong_or_missing_token_gets_Metas_error_190(string example, string token)
    {
        var emulator = NewEmulator();
        await using var server = await GraphApiEmulatorServer.StartAsync(emulator);
        var command = token == "wrong"
            ? s_curlExamples[example].Replace("<PAGE_ACCESS_TOKEN>", "EAAGm0PX4ZCpsBAnotarealtoken", StringComparison.Ordinal)
            : s_curlExamples[example].Replace("?access_token=<PAGE_ACCESS_TOKEN>", string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(s_curlExamples[example], command);

        var (status, body) = await CurlAsync(server, Fill(command));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 190, token == "wrong" ? 467 : null, "access token");
        Assert.Empty(emulator.DeliveredMessages);
        Assert.Empty(emulator.Actions);
        Assert.Equal(token == "wrong" ? EmulatedTokenLocation.Query : EmulatedTokenLocation.None, Assert.Single(emulator.Requests).TokenLocation);
    }

    [Theory]
    [InlineData("""recipient=id:IGSID&message={"text":"hi"}""", "Param recipient must be JSON text")]
    [InlineData("""recipient={"id":"IGSID"}&message=hi there""", "Param message must be JSON text")]
    [InlineData("""recipient={"id":"IGSID"}&message={"text":hi}""", "Param message must be JSON text")]
    [InlineData("""recipient={"id":"IGSID"}&sender_action=react&payload={message_id:"m_1",reaction:"love"}""", "Param payload must be JSON text")]
    [InlineData("""recipient={"id":"IGSID"}&message={"text":"hi"}&reply_to=m_1""", "Param reply_to must be JSON text")]
    [InlineData("""recipient=IGSID&message={"text":"hi"}""", "Param recipient must be a JSON object")]
    public async Task A_form_field_that_is_not_JSON_gets_Metas_invalid_parameter_error_100(string data, string messagePart)
    {
        var emulator = NewEmulator();
        await using var server = await GraphApiEmulatorServer.StartAsync(emulator);
        var command = $"""
            curl -i -X POST "https://graph.facebook.com/<API_VERSION>/me/messages?access_token=<PAGE_ACCESS_TOKEN>" --data '{data}'
            """;

        var (status, body) = await CurlAsync(server, Fill(command));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 100, null, messagePart);
        Assert.Empty(emulator.DeliveredMessages);
        Assert.Empty(emulator.Actions);
    }

    [Fact]
    public async Task The_token_is_taken_from_the_header_the_query_or_a_form_field_and_where_it_came_from_is_recorded()
    {
        var emulator = new GraphApiEmulator();
        using var http = emulator.CreateHttpClient();
        const string form = """recipient={"id":"1"}&message={"text":"x"}""";

        async Task<HttpStatusCode> Post(string query, string? header, string body, string mediaType)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "https://graph.facebook.com/v25.0/me/messages" + query)
            {
                Content = new StringContent(body, Encoding.UTF8, mediaType),
            };
            if (header is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", header);
            }

            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Post(string.Empty, Token, """{"recipient":{"id":"1"},"message":{"text":"x"}}""", "application/json"));
        Assert.Equal(HttpStatusCode.OK, await Post("?access_token=" + Token, null, form, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, await Post(string.Empty, null, form + "&access_token=" + Token, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, await Post("?access_token=" + Token, Token, form, "application/x-www-form-urlencoded"));

        // Every token a request carries must be valid, wherever it travelled.
        Assert.Equal(HttpStatusCode.BadRequest, await Post("?access_token=revoked", Token, form, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, await Post(string.Empty, Token, form + "&access_token=revoked", "application/x-www-form-urlencoded"));

        var requests = emulator.Requests;
        Assert.Equal(
            new[]
            {
                EmulatedTokenLocation.Header,
                EmulatedTokenLocation.Query,
                EmulatedTokenLocation.Form,
                EmulatedTokenLocation.Header | EmulatedTokenLocation.Query,
                EmulatedTokenLocation.Header | EmulatedTokenLocation.Query,
                EmulatedTokenLocation.Header | EmulatedTokenLocation.Form,
            },
            requests.Select(r => r.TokenLocation).ToArray());
        Assert.Equal(new[] { false, true, false, true, true, false }, requests.Select(r => r.TokenInUrl).ToArray());
        Assert.Equal(
            new[] { EmulatedBodyFormat.Json, EmulatedBodyFormat.Form, EmulatedBodyFormat.Form, EmulatedBodyFormat.Form, EmulatedBodyFormat.Form, EmulatedBodyFormat.Form },
            requests.Select(r => r.BodyFormat).ToArray());
        Assert.Equal(4, emulator.Conversation("1").Count);
    }

    [Fact]
    public async Task Plain_text_values_are_taken_as_curl_examples_send_them()
    {
        var emulator = new GraphApiEmulator();
        await using var server = await GraphApiEmulatorServer.StartAsync(emulator);
        string Curl(string data) => $"""
            curl -X POST "https://graph.facebook.com/v25.0/me/messages?access_token={Token}" --data '{data}'
            """;

        Assert.Equal(HttpStatusCode.OK, (await CurlAsync(server, Curl("""recipient={"id":"1"}&sender_action=typing_on"""))).Status);
        Assert.Equal(HttpStatusCode.OK, (await CurlAsync(server, Curl("""recipient={"id":"1"}&sender_action="mark_seen" """.TrimEnd()))).Status);
        Assert.Equal(HttpStatusCode.OK, (await CurlAsync(server, Curl("""recipient={"id":"1"}&messaging_type=RESPONSE&message={"text":"a"}"""))).Status);
        Assert.Equal(HttpStatusCode.OK, (await CurlAsync(server, Curl("""recipient={"id":"1"}&messaging_type=MESSAGE_TAG&tag=HUMAN_AGENT&message={"text":"b"}"""))).Status);
        Assert.Equal(HttpStatusCode.OK, (await CurlAsync(server, Curl("""recipient={"id":"1"}&messaging_type="UPDATE"&message={"text":"c%2B1"}"""))).Status);
        var (_, refused) = await CurlAsync(server, Curl("""recipient={"id":"1"}&messaging_type=NOW&message={"text":"d"}"""));
        AssertError(refused, 100, null, "messaging_type must be");

        Assert.Equal(new[] { "typing_on", "mark_seen" }, emulator.Actions.Select(a => a.Action).ToArray());
        Assert.Equal(
            new[] { ("a", "RESPONSE", (string?)null), ("b", "MESSAGE_TAG", "HUMAN_AGENT"), ("c+1", "UPDATE", null) },
            emulator.Conversation("1").Select(m => (m.Text!, m.MessagingType!, m.Tag)).ToArray());
    }

    // The same fields as a JSON body and as a form (each value JSON text): the same answer, code, subcode and
    // message, because both go through the one validator.
    public static TheoryData<string, string> SameFieldsBothWays()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in EmulatorTests.BrokenBodies())
        {
            var json = (string)row[0];
            if (json.StartsWith('{'))
            {
                data.Add("/v25.0/me/messages", json);
            }
        }

        foreach (var row in EmulatorMessagesEdgeTests.ValidBodies().Concat(EmulatorMessagesEdgeTests.BrokenBodies()))
        {
            data.Add("/v25.0/me/messages", (string)row[0]);
        }

        data.Add("/v25.0/me/messages", JsonSerializer.Serialize(new { recipient = new { id = "1" }, message = new { text = new string('ü', 500) } }));
        data.Add("/v25.0/me/messages", JsonSerializer.Serialize(new { recipient = new { id = "1" }, message = new { text = new string('ü', 500) + "a" } }));
        data.Add("/v25.0/me/messages", """{"recipient":{"id":"1"},"sender_action":"react","payload":{"message_id":"m_1","reaction":"love"}}""");
        data.Add("/v25.0/me/messages", """{"recipient":{"id":"1"},"message":{"attachment":{"type":"image","payload":{"attachment_id":"ATTACHMENT"}}}}""".Replace("ATTACHMENT", UploadedId, StringComparison.Ordinal));
        data.Add("/v25.0/me/message_attachments", """{"platform":"instagram","message":{"attachment":{"type":"image","payload":{"url":"https://a.example/a.png","is_reusable":true}}}}""");
        data.Add("/v25.0/me/message_attachments", """{"platform":"instagram","message":{"attachment":{"type":"video","payload":{"url":"https://a.example/a.png","is_reusable":"true"}}}}""");
        data.Add("/v25.0/me/message_attachments", """{"platform":"instagram","message":{"attachment":{"type":"image","payload":{"url":"/a.png"}}}}""");
        data.Add("/v25.0/me/message_attachments", """{"message":{"attachment":{"type":"image","payload":{"url":"https://a.example/a.png"}}}}""");
        data.Add("/v25.0/me/messenger_profile?platform=instagram", """{"platform":"instagram","ice_breakers":[{"locale":"default","call_to_actions":[{"question":"Where?","payload":"LOC"}]}]}""");
        data.Add("/v25.0/me/messenger_profile?platform=instagram", """{"ice_breakers":[{"locale":"en_GB","call_to_actions":[{"question":"Q","payload":"P"}]}]}""");
        data.Add("/v25.0/me/messenger_profile", """{"platform":"instagram","persistent_menu":[{"locale":"default","call_to_actions":[{"type":"postback","title":"Help","payload":"HELP"}]}]}""");
        return data;
    }

    [Theory]
    [MemberData(nameof(SameFieldsBothWays))]
    public async Task Every_check_on_a_JSON_body_is_made_on_the_same_fields_sent_as_a_form(string path, string json)
    {
        var form = string.Join("&", Json(json).EnumerateObject().Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value.GetRawText())));
        var (jsonEmulator, formEmulator) = (NewEmulator(), NewEmulator());

        var asJson = await PostAsync(jsonEmulator, path, new StringContent(json, Encoding.UTF8, "application/json"), bearer: Token);
        var asForm = await PostAsync(formEmulator, path, new StringContent(form + "&access_token=" + Token, Encoding.UTF8, "application/x-www-form-urlencoded"), bearer: null);

        Assert.Equal(asJson.Status, asForm.Status);
        if (asJson.Body.TryGetProperty("error", out var jsonError))
        {
            var formError = asForm.Body.GetProperty("error");
            foreach (var name in new[] { "code", "error_subcode", "message", "type", "is_transient" })
            {
                Assert.Equal(jsonError.TryGetProperty(name, out var a) ? a.GetRawText() : null, formError.TryGetProperty(name, out var b) ? b.GetRawText() : null);
            }
        }
        else
        {
            Assert.Equal(asJson.Body.EnumerateObject().Select(p => p.Name), asForm.Body.EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(jsonEmulator.DeliveredMessages.Count, formEmulator.DeliveredMessages.Count);
        foreach (var (sentAsJson, sentAsForm) in jsonEmulator.DeliveredMessages.Zip(formEmulator.DeliveredMessages))
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sentAsJson.Body.GetRawText()), JsonNode.Parse(sentAsForm.Body.GetRawText())));
        }

        Assert.Equal(jsonEmulator.Actions.Select(a => a with { ReceivedAt = default }), formEmulator.Actions.Select(a => a with { ReceivedAt = default }));
        Assert.Equal(jsonEmulator.Uploads.Select(u => (u.Type, u.Url)), formEmulator.Uploads.Select(u => (u.Type, u.Url)));
        Assert.Equal(EmulatedTokenLocation.Form, Assert.Single(formEmulator.Requests).TokenLocation);
    }

    [Fact]
    public async Task Uploads_take_the_token_and_fields_in_any_form()
    {
        var emulator = new GraphApiEmulator();
        await using var server = await GraphApiEmulatorServer.StartAsync(emulator);
        using var http = new HttpClient();
        var route = new Uri(server.BaseAddress, "v25.0/me/message_attachments");

        // A file as multipart/form-data, the token as a form field: curl -F access_token=… -F platform=instagram -F message=… -F filedata=@clip.mp4
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(Token), "access_token" },
            { new StringContent("instagram"), "platform" },
            { new StringContent("""{"attachment":{"type":"video","payload":{"is_reusable":true}}}"""), "message" },
        };
        var file = new ByteArrayContent(new byte[2048]);
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        multipart.Add(file, "filedata", "clip.mp4");
        using var fromFile = await http.PostAsync(route, multipart);

        // From a URL as a URL-encoded form, the token in the query.
        using var fromUrl = await http.PostAsync(
            new Uri(route + "?access_token=" + Token),
            new StringContent("""platform=instagram&message={"attachment":{"type":"image","payload":{"url":"https://cdn.example.com/a.png","is_reusable":true}}}""", Encoding.UTF8, "application/x-www-form-urlencoded"));

        // A multipart upload without any token is refused before anything is stored.
        using var noToken = new MultipartFormDataContent
        {
            { new StringContent("instagram"), "platform" },
            { new StringContent("""{"attachment":{"type":"video","payload":{"is_reusable":true}}}"""), "message" },
        };
        noToken.Add(new ByteArrayContent(new byte[16]), "filedata", "clip.mp4");
        using var refused = await http.PostAsync(route, noToken);

        Assert.Equal(HttpStatusCode.OK, fromFile.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromUrl.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        AssertError(Json(await refused.Content.ReadAsStringAsync()), 190, null, "access token");
        Assert.Equal(
            new[] { ("video", (string?)null, "clip.mp4", 2048L), ("image", "https://cdn.example.com/a.png", null, 0L) },
            emulator.Uploads.OrderBy(u => u.Type, StringComparer.Ordinal).Reverse().Select(u => (u.Type, u.Url, u.FileName, u.Size)).ToArray());
        Assert.Equal(
            new[] { (EmulatedTokenLocation.Form, EmulatedBodyFormat.Multipart), (EmulatedTokenLocation.Query, EmulatedBodyFormat.Form), (EmulatedTokenLocation.None, EmulatedBodyFormat.Multipart) },
            emulator.Requests.Select(r => (r.TokenLocation, r.BodyFormat)).ToArray());
    }

    [Fact]
    public async Task Messenger_profile_takes_a_form_with_the_token_as_a_field()
    {
        var emulator = new GraphApiEmulator();
        using var http = emulator.CreateHttpClient();
        var body = """platform=instagram&ice_breakers=[{"locale":"default","call_to_actions":[{"question":"Where are you?","payload":"WHERE"}]}]&access_token=""" + Token;

        using var set = await http.PostAsync("https://graph.facebook.com/v25.0/me/messenger_profile", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        using var read = await http.GetAsync($"https://graph.facebook.com/v25.0/me/messenger_profile?fields=ice_breakers&platform=instagram&access_token={Token}");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var answer = Json(await read.Content.ReadAsStringAsync());
        Assert.Equal("Where are you?", answer.GetProperty("data")[0].GetProperty("ice_breakers")[0].GetProperty("call_to_actions")[0].GetProperty("question").GetString());
        Assert.Equal(new[] { EmulatedTokenLocation.Form, EmulatedTokenLocation.Query }, emulator.Requests.Select(r => r.TokenLocation).ToArray());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(GraphApiEmulator emulator, string path, HttpContent content, string? bearer)
    {
        using var http = emulator.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://graph.facebook.com" + path) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, Json(await response.Content.ReadAsStringAsync()));
    }
}
