using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InstagramMessaging.AspNetCore.Tests;

public sealed class ReceiveTests
{
    private static readonly byte[] s_oneMessage = WebhookBodies.Delivery(WebhookBodies.Message("7241980365028173", "m_1", "Hi! Is the blue jacket still in stock?"));

    [Fact]
    public async Task A_signed_delivery_is_answered_200_and_reaches_the_handler_typed()
    {
        await using var host = await WebhookTestHost.StartAsync();

        var response = await host.PostAsync(s_oneMessage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Recorded.WaitForAsync(1);
        var message = Assert.IsType<MessageReceivedEvent>(Assert.Single(host.Recorded.Events));
        Assert.Equal("m_1", message.MessageId);
        Assert.Equal("7241980365028173", message.SenderId);
        Assert.Equal("Hi! Is the blue jacket still in stock?", message.Text);
    }

    [Fact]
    public async Task A_missing_signature_is_refused_with_401_and_nothing_is_handled()
    {
        await using var host = await WebhookTestHost.StartAsync();

        var response = await host.PostUnsignedAsync(new ByteArrayContent(s_oneMessage));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHandledAsync(host);
    }

    [Theory]
    [InlineData("another-secret")]
    [InlineData("test-app-secret-3f9c2")]
    public async Task A_signature_under_another_secret_is_refused_with_401(string secret)
    {
        await using var host = await WebhookTestHost.StartAsync();

        var response = await host.PostAsync(s_oneMessage, secret: secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHandledAsync(host);
    }

    [Fact]
    public async Task A_tampered_body_is_refused_with_401()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var signature = InstagramWebhookSignature.Compute(s_oneMessage, WebhookTestHost.Secret);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(s_oneMessage).Replace("blue", "gold", StringComparison.Ordinal));

        var response = await host.PostAsync(tampered, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHandledAsync(host);
    }

    [Fact]
    public async Task A_valid_legacy_SHA1_signature_alone_is_refused_with_401()
    {
        await using var host = await WebhookTestHost.StartAsync();
        using var content = new ByteArrayContent(s_oneMessage);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var sha1 = "sha1=" + Convert.ToHexString(HMACSHA1.HashData(Encoding.UTF8.GetBytes(WebhookTestHost.Secret), s_oneMessage)).ToLowerInvariant();
        content.Headers.TryAddWithoutValidation("X-Hub-Signature", sha1);

        var response = await host.PostUnsignedAsync(content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHandledAsync(host);
    }

    [Fact]
    public async Task With_several_secrets_a_delivery_signed_by_either_is_accepted()
    {
        await using var host = await WebhookTestHost.StartAsync(o => o.AppSecrets.Add("instagram-login-secret-51ab"));

        var first = await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_a", "signed by the first")));
        var second = await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("2", "m_b", "signed by the second")), secret: "instagram-login-secret-51ab");
        var neither = await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("3", "m_c", "signed by neither")), secret: "old-secret");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, neither.StatusCode);
        await host.Recorded.WaitForAsync(2);
        await Task.Delay(100);
        Assert.Equal(["m_a", "m_b"], host.Recorded.MessageIds.Order());
        Assert.Contains(host.Logs.Lines, l => l.Contains("matched app secret #1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"object":"instagram","entry":[{"id":"1","messaging":[{"sender":""")]
    [InlineData("""{"entry":[]}""")]
    public async Task A_signed_malformed_body_is_refused_with_400(string body)
    {
        await using var host = await WebhookTestHost.StartAsync();

        var response = await host.PostAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingHandledAsync(host);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_when_Content_Length_says_so()
    {
        using var measurements = new MeasurementRecorder();
        await using var host = await WebhookTestHost.StartAsync(o => o.MaxBodySize = 1024);
        var large = WebhookBodies.Delivery(WebhookBodies.Message("1", "m_large", new string('x', 2000)));

        var response = await host.PostAsync(large);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingHandledAsync(host);
        Assert.Equal(1, measurements.Sum("instagram.webhooks.rejected", "reason", "too_large"));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_with_413_while_reading()
    {
        await using var host = await WebhookTestHost.StartAsync(o => o.MaxBodySize = 1024);
        var large = WebhookBodies.Delivery(WebhookBodies.Message("1", "m_large", new string('x', 2000)));
        using var content = new StreamContent(new NoLengthStream(large));
        content.Headers.TryAddWithoutValidation(InstagramWebhookSignature.HeaderName, InstagramWebhookSignature.Compute(large, WebhookTestHost.Secret));

        using var measurements = new MeasurementRecorder();
        var response = await host.PostUnsignedAsync(content);

        Assert.Null(content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingHandledAsync(host);
        Assert.Equal(1, measurements.Sum("instagram.webhooks.rejected", "reason", "too_large"));
    }

    [Fact]
    public async Task A_body_at_the_limit_is_accepted()
    {
        var body = WebhookBodies.Delivery(WebhookBodies.Message("1", "m_fits", "fits"));
        await using var host = await WebhookTestHost.StartAsync(o => o.MaxBodySize = body.Length);

        var response = await host.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Recorded.WaitForAsync(1);
    }

    [Fact]
    public async Task Another_object_is_acknowledged_with_200_and_ignored()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var page = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(s_oneMessage).Replace("\"instagram\"", "\"page\"", StringComparison.Ordinal));

        var response = await host.PostAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNothingHandledAsync(host);
    }

    // DedupeLifetime reaches the default store, on the app's TimeProvider: a retry within it is dropped, one after it
    // is handled again. Unset, it is 48 hours, longer than Meta's 36 hours of retries.
    [Theory]
    [InlineData(null, 48)]
    [InlineData(1, 1)]
    public async Task A_retry_is_dropped_within_the_dedupe_lifetime_and_handled_again_after_it(int? configuredHours, int lifetimeHours)
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WebhookTestHost.StartAsync(
            o =>
            {
                if (configuredHours is { } hours)
                {
                    o.DedupeLifetime = TimeSpan.FromHours(hours);
                }
            },
            services: s => s.AddSingleton<TimeProvider>(time));
        var body = WebhookBodies.Delivery(WebhookBodies.Message("1", "m_1", "hello"));

        await host.PostAsync(body);
        await host.Recorded.WaitForAsync(1);
        time.Advance(TimeSpan.FromHours(lifetimeHours) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(body)).StatusCode);
        await Task.Delay(100);
        Assert.Single(host.Recorded.Events);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(body)).StatusCode);

        await host.Recorded.WaitForAsync(2);
        await Task.Delay(100);
        Assert.Equal(["m_1", "m_1"], host.Recorded.MessageIds);
    }

    [Fact]
    public async Task A_retried_delivery_is_handled_once()
    {
        await using var host = await WebhookTestHost.StartAsync();

        var first = await host.PostAsync(s_oneMessage);
        var retry = await host.PostAsync(s_oneMessage);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await host.Recorded.WaitForAsync(1);
        await Task.Delay(200);
        Assert.Single(host.Recorded.Events);
    }

    [Fact]
    public async Task The_same_event_rebatched_in_another_body_is_handled_once()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var a = WebhookBodies.Message("7241980365028173", "m_a", "first");
        var b = WebhookBodies.Message("7241980365028173", "m_b", "second");
        var c = WebhookBodies.Message("9000000000000001", "m_c", "third");

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(WebhookBodies.Delivery(a, b))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(WebhookBodies.Delivery(c, b))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(WebhookBodies.Delivery(a))).StatusCode);

        await host.Recorded.WaitForAsync(3);
        await Task.Delay(200);
        Assert.Equal(["m_a", "m_b", "m_c"], host.Recorded.MessageIds.Order());
    }

    [Fact]
    public async Task Concurrent_copies_of_one_delivery_are_handled_once()
    {
        await using var host = await WebhookTestHost.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => host.PostAsync(s_oneMessage)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await host.Recorded.WaitForAsync(1);
        await Task.Delay(200);
        Assert.Single(host.Recorded.Events);
    }

    [Fact]
    public async Task A_full_queue_answers_503_and_the_refused_event_is_taken_on_Meta_s_retry()
    {
        using var measurements = new MeasurementRecorder();
        await using var host = await WebhookTestHost.StartAsync(o => o.QueueCapacity = 1);
        host.Recorded.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = WebhookBodies.Delivery(WebhookBodies.Message("1", "m_1", "held by the handler"));
        var second = WebhookBodies.Delivery(WebhookBodies.Message("2", "m_2", "no room"));

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.PostAsync(second)).StatusCode);

        host.Recorded.Gate.SetResult();
        await host.Recorded.WaitForAsync(1);
        host.Recorded.Gate = null;
        await Task.Delay(100);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(second)).StatusCode);
        await host.Recorded.WaitForAsync(2);
        Assert.Equal(["m_1", "m_2"], host.Recorded.MessageIds);
        Assert.Equal(1, measurements.Sum("instagram.webhooks.rejected", "reason", "queue_full"));
    }

    private static async Task AssertNothingHandledAsync(WebhookTestHost host)
    {
        await Task.Delay(200);
        Assert.Empty(host.Recorded.Events);
    }

    // A body whose length is not known up front, so HttpClient sends it chunked.
    private sealed class NoLengthStream(byte[] data) : System.IO.MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
