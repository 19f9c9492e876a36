using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace InstagramMessaging.Testing.Tests;

// The emulator plays Meta: these tests speak raw HTTP and JSON to it, never the library's generated code.
public class EmulatorTests
{
    private const string Token = GraphApiEmulator.DefaultAccessToken;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(GraphApiEmulator emulator, string json, string path = "/v25.0/me/messages", string? token = Token, string mediaType = "application/json")
    {
        using var http = emulator.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://graph.facebook.com" + path)
        {
            Content = new StringContent(json, Encoding.UTF8, mediaType),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    // The emulator plays Meta independently, to catch the library's mistakes rather than share them: neither its
    // assembly nor the emulator tool references the runtime library, directly or through another of ours. Read
    // from the compiled assemblies' metadata, not the project files.
    [Theory]
    [InlineData("InstagramMessaging.Testing")]
    [InlineData("InstagramMessaging.Emulator")]
    public void The_emulator_references_nothing_of_the_runtime_library(string assemblyName)
    {
        var assembly = System.Reflection.Assembly.Load(assemblyName);
        Assert.Equal(typeof(GraphApiEmulator).Assembly == assembly, assemblyName == "InstagramMessaging.Testing");
        var seen = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
        var pending = new System.Collections.Generic.Queue<System.Reflection.AssemblyName>(assembly.GetReferencedAssemblies());
        while (pending.TryDequeue(out var reference))
        {
            if (!reference.Name!.StartsWith("InstagramMessaging", System.StringComparison.Ordinal) || !seen.Add(reference.Name))
            {
                continue;
            }

            Assert.True(reference.Name == "InstagramMessaging.Testing", $"{assemblyName} references {reference.Name}");
            foreach (var next in System.Reflection.Assembly.Load(reference).GetReferencedAssemblies())
            {
                pending.Enqueue(next);
            }
        }

        Assert.DoesNotContain("InstagramMessaging", assembly.GetReferencedAssemblies().Select(r => r.Name));
        Assert.DoesNotContain(assembly.GetTypes(), t => t.BaseType?.Assembly.GetName().Name == "InstagramMessaging");
    }

    private static void AssertError(JsonElement body, int code, string messagePart)
    {
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Contains(messagePart, error.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("fbtrace_id").GetString()));
        Assert.Equal(JsonValueKind.False, error.GetProperty("is_transient").ValueKind);
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_valid_text_message_is_delivered_and_answered_as_Meta_does()
    {
        var emulator = new GraphApiEmulator();

        var (status, body) = await PostAsync(emulator, """{"recipient":{"id":"42"},"message":{"text":"Hi! https://example.com"},"reply_to":{"mid":"m_1"}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("42", body.GetProperty("recipient_id").GetString());
        var messageId = body.GetProperty("message_id").GetString();
        var delivered = Assert.Single(emulator.Conversation("42"));
        Assert.Equal((messageId, "Hi! https://example.com", "m_1"), (delivered.MessageId, delivered.Text, delivered.ReplyToMessageId));
        Assert.Empty(emulator.Conversation("someone-else"));
    }

    [Fact]
    public async Task Message_ids_are_unique_and_conversations_keep_order()
    {
        var emulator = new GraphApiEmulator();
        for (var i = 0; i < 5; i++)
        {
            await PostAsync(emulator, """{"recipient":{"id":"7"},"message":{"text":"nI"}}""".Replace("I", i.ToString()));
        }

        var conversation = emulator.Conversation("7");
        Assert.Equal(new[] { "n0", "n1", "n2", "n3", "n4" }, conversation.Select(m => m.Text).ToArray());
        Assert.Equal(5, conversation.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Page_id_route_and_private_reply_recipient_are_accepted()
    {
        var emulator = new GraphApiEmulator(pageId: "555");
        var (status, body) = await PostAsync(emulator, """{"recipient":{"comment_id":"c1"},"message":{"text":"Thanks"}}""", path: "/v24.0/555/messages");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(emulator.Conversation(body.GetProperty("recipient_id").GetString()!));
        Assert.Empty(emulator.Conversation("c1"));
    }

    [Theory]
    [InlineData(null, 190)]
    [InlineData("wrong-token", 190)]
    public async Task Requests_without_a_valid_bearer_token_are_refused(string? token, int code)
    {
        var emulator = new GraphApiEmulator();
        var (status, body) = await PostAsync(emulator, """{"recipient":{"id":"1"},"message":{"text":"x"}}""", token: token);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, code, "access token");
        Assert.Empty(emulator.DeliveredMessages);
    }

    [Fact]
    public async Task Revoked_tokens_stop_working_and_added_ones_start()
    {
        var emulator = new GraphApiEmulator();
        emulator.AddAccessToken("second-token");
        emulator.RevokeAccessToken(Token);

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(emulator, """{"recipient":{"id":"1"},"message":{"text":"x"}}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(emulator, """{"recipient":{"id":"1"},"message":{"text":"x"}}""", token: "second-token")).Status);
    }

    public static TheoryData<string, string> BrokenBodies() => new()
    {
        { "not json", "not valid JSON" },
        { "[]", "JSON object" },
        { """{"message":{"text":"x"}}""", "recipient is required" },
        { """{"recipient":{},"message":{"text":"x"}}""", "exactly one" },
        { """{"recipient":{"id":""},"message":{"text":"x"}}""", "non-empty id" },
        { """{"recipient":{"id":"1","comment_id":"2"},"message":{"text":"x"}}""", "exactly one" },
        { """{"recipient":{"id":"1"}}""", "message is required" },
        { """{"recipient":{"id":"1"},"message":{}}""", "must be non-empty" },
        { """{"recipient":{"id":"1"},"message":{"text":""}}""", "non-empty UTF-8" },
        { """{"recipient":{"id":"1"},"message":{"text":42}}""", "non-empty UTF-8" },
        { """{"recipient":{"id":"1"},"message":{"txt":"x"}}""", "message[txt]" },
        { """{"recipient":{"id":"1"},"message":{"text":"x"},"extra":1}""", "extra is not a valid parameter" },
        { """{"recipient":{"id":"1"},"message":{"text":"x"},"reply_to":{"mid":""}}""", "reply_to" },
        { """{"recipient":{"id":"1"},"message":{"text":"x"},"reply_to":"m_1"}""", "reply_to" },
        { """{"recipient":{"id":"1"},"messaging_type":"NOW","message":{"text":"x"}}""", "messaging_type must be" },
        { """{"recipient":{"id":"1"},"messaging_type":"MESSAGE_TAG","message":{"text":"x"}}""", "HUMAN_AGENT" },
        { """{"recipient":{"id":"1"},"messaging_type":"MESSAGE_TAG","tag":"ACCOUNT_UPDATE","message":{"text":"x"}}""", "HUMAN_AGENT" },
        { """{"recipient":{"id":"1"},"tag":"HUMAN_AGENT","message":{"text":"x"}}""", "tag needs messaging_type" },
        { """{"recipient":{"id":"1"},"messaging_type":"RESPONSE","tag":"HUMAN_AGENT","message":{"text":"x"}}""", "tag needs messaging_type" },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task Broken_bodies_get_code_100_naming_the_problem(string json, string messagePart)
    {
        var emulator = new GraphApiEmulator();
        var (status, body) = await PostAsync(emulator, json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 100, messagePart);
        Assert.Empty(emulator.DeliveredMessages);
    }

    [Fact]
    public async Task Message_and_sender_action_together_is_2018014()
    {
        var (_, body) = await PostAsync(new GraphApiEmulator(), """{"recipient":{"id":"1"},"sender_action":"typing_on","message":{"text":"x"}}""");
        AssertError(body, 100, "same request");
        Assert.Equal(2018014, body.GetProperty("error").GetProperty("error_subcode").GetInt32());
    }

    [Theory]
    [InlineData(1000, HttpStatusCode.OK)]
    [InlineData(1001, HttpStatusCode.BadRequest)]
    public async Task Text_is_limited_to_1000_utf8_bytes(int bytes, HttpStatusCode expected)
    {
        // 'ü' is two bytes: judge bytes, not characters.
        var text = new string('ü', bytes / 2) + new string('a', bytes % 2);
        var json = JsonSerializer.Serialize(new { recipient = new { id = "1" }, message = new { text } });
        Assert.Equal(expected, (await PostAsync(new GraphApiEmulator(), json)).Status);
    }

    [Fact]
    public async Task Unknown_routes_methods_and_media_types_are_refused()
    {
        var emulator = new GraphApiEmulator();
        AssertError((await PostAsync(emulator, "{}", path: "/v25.0/me/feed")).Body, 100, "not a route");
        AssertError((await PostAsync(emulator, "{}", path: "/v25.0/999/messages")).Body, 100, "not a route");
        AssertError((await PostAsync(emulator, "{}", path: "/latest/me/messages")).Body, 100, "not a route");
        AssertError((await PostAsync(emulator, "recipient: 1", mediaType: "text/plain")).Body, 100, "application/json");

        using var http = emulator.CreateHttpClient();
        using var get = await http.GetAsync("https://graph.facebook.com/v25.0/me/messages");
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
    }

    [Fact]
    public async Task Every_request_is_recorded_accepted_or_not()
    {
        var emulator = new GraphApiEmulator();
        await PostAsync(emulator, """{"recipient":{"id":"1"},"message":{"text":"x"}}""");
        await PostAsync(emulator, "broken");
        Assert.Equal(new[] { "/v25.0/me/messages", "/v25.0/me/messages" }, emulator.Requests.Select(r => r.PathAndQuery).ToArray());
        Assert.Equal("broken", emulator.Requests[1].Body);
    }

    [Fact]
    public async Task The_loopback_server_listens_on_127_0_0_1_and_answers_like_the_handler()
    {
        await using var server = await GraphApiEmulatorServer.StartAsync();
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.NotEqual(0, server.BaseAddress.Port);

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new System.Uri(server.BaseAddress, "v25.0/me/messages"))
        {
            Content = new StringContent("""{"recipient":{"id":"9"},"message":{"text":"over the wire"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("over the wire", Assert.Single(server.Emulator.Conversation("9")).Text);

        using var unauthorized = await http.PostAsync(new System.Uri(server.BaseAddress, "v25.0/me/messages"), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unauthorized.StatusCode);
        Assert.Contains("\"code\":190", await unauthorized.Content.ReadAsStringAsync());
    }
}
