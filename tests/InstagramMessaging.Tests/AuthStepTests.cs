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

// The transport's auth step (Transport/AuthStep): the token in the header, never the URL, and appsecret_proof.
public class AuthStepTests
{
    private static readonly Recipient User = Recipient.Id("1254459154682919");

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

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
