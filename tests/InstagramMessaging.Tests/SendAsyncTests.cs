using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Xunit;

namespace InstagramMessaging.Tests;

public class SendAsyncTests
{
    private const string Igsid = "1254459154682919";
    private static readonly Recipient User = Recipient.Id(Igsid);

    private static (InstagramMessenger Messenger, GraphApiEmulator Emulator) Create(string token = GraphApiEmulator.DefaultAccessToken)
    {
        var emulator = new GraphApiEmulator();
        var messenger = new InstagramMessenger(emulator.CreateHttpClient(), new InstagramMessengerOptions { AccessToken = token });
        return (messenger, emulator);
    }

    [Fact]
    public async Task Send_posts_the_body_to_the_messages_route_with_a_bearer_token()
    {
        var (messenger, emulator) = Create();

        var result = await new ThreadedReply("Your order is on its way!", "m_earlier").SendAsync(messenger, User);

        var request = Assert.Single(emulator.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v25.0/me/messages", request.PathAndQuery);
        Assert.Equal("Bearer " + GraphApiEmulator.DefaultAccessToken, request.Authorization);
        Assert.Equal("application/json", request.MediaType);
        Assert.Equal(new ThreadedReply("Your order is on its way!", "m_earlier").ToJson(User), request.Body);

        var delivered = Assert.Single(emulator.Conversation(Igsid));
        Assert.Equal(Igsid, result.RecipientId);
        Assert.Equal(delivered.MessageId, result.MessageId);
        Assert.Equal("Your order is on its way!", delivered.Text);
        Assert.Equal("m_earlier", delivered.ReplyToMessageId);
    }

    [Fact]
    public async Task Client_send_accepts_any_contract_and_options()
    {
        var (messenger, emulator) = Create();
        var result = await messenger.SendAsync(User, new StructMessage("from a struct"), SendOptions.HumanAgent);

        var delivered = Assert.Single(emulator.Conversation(Igsid));
        Assert.Equal(result.MessageId, delivered.MessageId);
        Assert.Equal(("MESSAGE_TAG", "HUMAN_AGENT"), (delivered.MessagingType, delivered.Tag));
    }

    [Fact]
    public async Task Page_id_and_version_shape_the_route()
    {
        var emulator = new GraphApiEmulator(pageId: "4242");
        var messenger = new InstagramMessenger(emulator.CreateHttpClient(), new InstagramMessengerOptions
        {
            AccessToken = GraphApiEmulator.DefaultAccessToken,
            ApiVersion = "v26.0",
            PageId = "4242",
        });

        await new TextMessage("hi").SendAsync(messenger, User);
        Assert.Equal("/v26.0/4242/messages", Assert.Single(emulator.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Validation_failure_sends_no_request()
    {
        var (messenger, emulator) = Create();

        var ex = await Assert.ThrowsAsync<InstagramMessageValidationException>(
            () => new TextMessage("😀" + new string('x', 997)).SendAsync(messenger, User));

        Assert.Equal("IGM001", Assert.Single(ex.Violations).RuleId);
        Assert.Contains("IGM001", ex.Message);
        Assert.Contains("Text", ex.Message);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task Error_envelope_on_400_becomes_InstagramApiException()
    {
        var (messenger, emulator) = Create(token: "not-a-valid-token");

        var ex = await Assert.ThrowsAsync<InstagramAccessTokenException>(() => new TextMessage("hi").SendAsync(messenger, User));

        Assert.Equal(190, ex.Code);
        Assert.Equal(467, ex.Subcode);
        Assert.Equal(HttpStatusCode.BadRequest, ex.HttpStatusCode);
        Assert.Equal("OAuthException", ex.ErrorType);
        Assert.False(ex.IsTransient);
        Assert.False(string.IsNullOrEmpty(ex.FbTraceId));
        Assert.Contains(ex.FbTraceId!, ex.Message);
        Assert.DoesNotContain("not-a-valid-token", ex.Message);
        Assert.Empty(emulator.Conversation(Igsid));
    }

    [Fact]
    public async Task Emulator_rejection_of_a_body_surfaces_code_100()
    {
        // A hand-written contract can put anything on the wire; the emulator judges what arrives.
        var (messenger, _) = Create();
        var ex = await Assert.ThrowsAsync<InstagramInvalidParameterException>(() => messenger.SendAsync(User, new RawMessage("""{"recipient":{"id":"1"},"message":{}}""")));
        Assert.Equal(100, ex.Code);
        Assert.Contains("(#100)", ex.ApiMessage);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task Error_envelope_is_read_whatever_the_status(HttpStatusCode status)
    {
        const string body = """{"error":{"message":"The requested feature isn't available yet. Please check back later.","type":"IGApiException","is_transient":true,"code":2,"error_subcode":2534068,"error_user_title":"Not yet","error_user_msg":"Try later","fbtrace_id":"AligRrOm344Dy7MGyP0Ua_C"}}""";
        var messenger = new InstagramMessenger(new HttpClient(new ScriptedHandler(ScriptedHandler.Answer(status, body))), new InstagramMessengerOptions { AccessToken = "stub-access-token" });

        var ex = await Assert.ThrowsAsync<InstagramFeatureUnavailableException>(() => new TextMessage("hi").SendAsync(messenger, User));

        Assert.Equal((2, 2534068, true, "IGApiException", "AligRrOm344Dy7MGyP0Ua_C", status), (ex.Code, ex.Subcode, ex.IsTransient, ex.ErrorType, ex.FbTraceId, ex.HttpStatusCode));
        Assert.Equal(("Not yet", "Try later"), (ex.UserTitle, ex.UserMessage));
    }

    [Fact]
    public async Task A_body_that_is_not_Graph_json_still_gives_a_typed_error()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.BadGateway, "<html>bad gateway</html>"), ScriptedHandler.Success());
        var messenger = new InstagramMessenger(new HttpClient(handler), new InstagramMessengerOptions { AccessToken = "stub-access-token" });

        // A gateway's 5xx page: the request went through it, so the message may have been delivered; never retried.
        var ex = await Assert.ThrowsAsync<InstagramOutcomeUnknownException>(() => new TextMessage("hi").SendAsync(messenger, User));
        Assert.Equal(1, handler.Requests);

        Assert.Equal(0, ex.Code);
        Assert.Equal(HttpStatusCode.BadGateway, ex.HttpStatusCode);
        Assert.Contains("502", ex.Message);
    }

    [Fact]
    public async Task Token_echoed_by_the_server_is_redacted_from_the_exception()
    {
        const string token = "secret-token-value";
        var body = """{"error":{"message":"bad token TOKEN","type":"OAuthException","code":190,"fbtrace_id":"x"}}""".Replace("TOKEN", token);
        var messenger = new InstagramMessenger(new HttpClient(new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.BadRequest, body))), new InstagramMessengerOptions { AccessToken = token });

        var ex = await Assert.ThrowsAsync<InstagramAccessTokenException>(() => new TextMessage("hi").SendAsync(messenger, User));

        Assert.DoesNotContain(token, ex.ToString());
        Assert.Contains("bad token ***", ex.Message);
    }

    [Fact]
    public async Task Token_never_appears_in_the_url_and_appsecret_proof_is_timestamped()
    {
        var stub = new ScriptedHandler(ScriptedHandler.Success("m_1"));
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var messenger = new InstagramMessenger(new HttpClient(stub), new InstagramMessengerOptions { AccessToken = "tok", AppSecret = "sec" }, clock);

        await new TextMessage("hi").SendAsync(messenger, User);

        var uri = Assert.Single(stub.RequestUris).ToString();
        Assert.DoesNotContain("tok", uri.Replace("appsecret", string.Empty));
        var expectedProof = InstagramMessaging.Transport.AuthStep.ComputeProof(Encoding.UTF8.GetBytes("sec"), Encoding.UTF8.GetBytes("tok|1700000000"));
        Assert.Equal($"https://graph.facebook.com/v25.0/me/messages?appsecret_proof={expectedProof}&appsecret_time=1700000000", uri);
    }

    [Fact]
    public void Appsecret_proof_is_lowercase_hex_hmac_sha256()
    {
        // RFC 4231, test case 2.
        Assert.Equal(
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            InstagramMessaging.Transport.AuthStep.ComputeProof(Encoding.UTF8.GetBytes("Jefe"), Encoding.UTF8.GetBytes("what do ya want for nothing?")));
    }

    [Fact]
    public async Task Classic_appsecret_proof_signs_the_token_alone()
    {
        var stub = new ScriptedHandler(ScriptedHandler.Success("m_1"));
        var messenger = new InstagramMessenger(new HttpClient(stub), new InstagramMessengerOptions { AccessToken = "tok", AppSecret = "sec", AppSecretProof = AppSecretProofStyle.Classic });

        await new TextMessage("hi").SendAsync(messenger, User);

        var expected = InstagramMessaging.Transport.AuthStep.ComputeProof(Encoding.UTF8.GetBytes("sec"), Encoding.UTF8.GetBytes("tok"));
        Assert.Equal($"?appsecret_proof={expected}", Assert.Single(stub.RequestUris).Query);
    }

    [Theory]
    [InlineData("{\"recipient_id\":\"1254459154682919\",\"message_id\":\"m_1\"}", "1254459154682919")]
    [InlineData("{\"recipient_id\":\"999\",\"message_id\":\"m_1\"}", "999")]
    [InlineData("{\"recipient_id\":\"125445915468291\\u0039\",\"message_id\":\"m_1\"}", "1254459154682919")]
    public async Task The_answers_recipient_id_is_returned_as_sent_whether_or_not_it_repeats_the_recipient(string answer, string expected)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(System.Net.HttpStatusCode.OK, answer));
        var messenger = new InstagramMessenger(new HttpClient(handler), new InstagramMessengerOptions { AccessToken = "answer-token" }, rateLimiter: new InstagramRateLimiter(1000, 1000));

        var result = await new TextMessage("hi").SendAsync(messenger, Recipient.Id("1254459154682919"));

        Assert.Equal(expected, result.RecipientId);
        Assert.Equal("m_1", result.MessageId);
    }

    [Fact]
    public async Task Cancellation_stops_the_send()
    {
        var (messenger, _) = Create();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TextMessage("hi").SendAsync(messenger, User, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Sends_over_loopback_to_the_emulator_server()
    {
        await using var server = await GraphApiEmulatorServer.StartAsync();
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        using var http = new HttpClient();
        var messenger = new InstagramMessenger(http, new InstagramMessengerOptions { AccessToken = GraphApiEmulator.DefaultAccessToken, BaseAddress = server.BaseAddress });

        var first = await new TextMessage("one").SendAsync(messenger, User);
        var second = await new TextMessage("two").SendAsync(messenger, User);

        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.Equal(new[] { "one", "two" }, server.Emulator.Conversation(Igsid).Select(m => m.Text).ToArray());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
