using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Xunit;
using static InstagramMessaging.Tests.EmulatedMessenger;

namespace InstagramMessaging.Tests;

// Reading the answer and mapping it (Transport/AnswerReader, AnswerMapper): Graph error envelopes to typed
// exceptions whatever the status, bodies that are not Graph JSON, and the send result.
public class AnswerMapperTests
{
    private const string Igsid = "1254459154682919";
    private static readonly Recipient User = Recipient.Id(Igsid);

    [Fact]
    public async Task Error_envelope_on_400_becomes_InstagramApiException()
    {
        var (messenger, emulator) = Create(o => o.AccessToken = "not-a-valid-token");

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
}
