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

// The transport's redaction (Transport/Redactor): a token the server echoes never reaches an exception.
public class RedactorTests
{
    private static readonly Recipient User = Recipient.Id("1254459154682919");

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
}
