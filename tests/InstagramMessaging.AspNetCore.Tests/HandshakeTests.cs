using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace InstagramMessaging.AspNetCore.Tests;

public sealed class HandshakeTests
{
    [Fact]
    public async Task Subscribe_with_the_verify_token_answers_the_challenge_as_plain_text()
    {
        await using var host = await WebhookTestHost.StartAsync();

        var response = await host.Client.GetAsync($"/webhooks/instagram?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={WebhookTestHost.VerifyToken}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("subscribe", "wrong-token")]
    [InlineData("subscribe", "verify-token-8b1d7")]
    [InlineData("subscribe", "")]
    [InlineData("unsubscribe", WebhookTestHost.VerifyToken)]
    [InlineData("", WebhookTestHost.VerifyToken)]
    public async Task A_wrong_token_or_mode_is_refused_with_403(string mode, string token)
    {
        await using var host = await WebhookTestHost.StartAsync();

        var response = await host.Client.GetAsync($"/webhooks/instagram?hub.mode={mode}&hub.challenge=42&hub.verify_token={token}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_configured_verify_token_every_handshake_is_refused()
    {
        await using var host = await WebhookTestHost.StartAsync(o => o.VerifyToken = null);

        var response = await host.Client.GetAsync("/webhooks/instagram?hub.mode=subscribe&hub.challenge=42&hub.verify_token=");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
