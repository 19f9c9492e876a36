using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace InstagramMessaging.AspNetCore.Tests;

public sealed class TelemetryAndLoggingTests
{
    // One activity per POST (the server side of Meta's call) and one per handled event, in the same trace: an event
    // that opens its customer's lane is handled as a child of the delivery that brought it (a later event joining a
    // running lane stays under the delivery that opened the lane).
    [Fact]
    public async Task A_delivery_is_traced_as_a_receive_activity_and_each_event_as_a_handle_activity_beneath_it()
    {
        var activities = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == InstagramTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var host = await WebhookTestHost.StartAsync();

        await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_1", "hello"), WebhookBodies.Message("2", "m_2", "again")));
        await host.Recorded.WaitForAsync(2);
        for (var i = 0; i < 100 && activities.Count(a => a.OperationName == "instagram.webhooks.handle") < 2; i++)
        {
            await Task.Delay(20);
        }

        var receive = Assert.Single(activities, a => a.OperationName == "instagram.webhooks.receive");
        Assert.Equal(System.Diagnostics.ActivityKind.Server, receive.Kind);
        Assert.Equal(2, receive.GetTagItem("instagram.webhooks.accepted"));
        var handles = activities.Where(a => a.OperationName == "instagram.webhooks.handle").ToArray();
        Assert.Equal(2, handles.Length);
        Assert.All(handles, h =>
        {
            Assert.Equal(System.Diagnostics.ActivityKind.Consumer, h.Kind);
            Assert.Equal("MessageReceivedEvent", h.GetTagItem("event.type"));
            Assert.Equal(receive.TraceId, h.TraceId);
            Assert.Equal(receive.SpanId, h.ParentSpanId);
        });
    }

    [Fact]
    public async Task Counters_report_received_duplicates_rejections_handled_failures_queue_length_and_duration()
    {
        using var measurements = new MeasurementRecorder();
        await using var host = await WebhookTestHost.StartAsync(handlers: b => b.AddHandler<ThrowingHandler>().AddHandler<RecordingHandler>());
        var body = WebhookBodies.Delivery(WebhookBodies.Message("1", "m_1", "hello"), WebhookBodies.Message("2", "m_2", "boom"));

        await host.PostAsync(body);
        await host.PostAsync(body);
        await host.PostAsync(body, secret: "wrong");
        await host.PostAsync(Encoding.UTF8.GetBytes("{"));
        await host.PostUnsignedAsync(new ByteArrayContent(body));
        await host.Client.GetAsync("/webhooks/instagram?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope");
        await host.Recorded.WaitForAsync(2);
        await Task.Delay(200);

        Assert.Equal(2, measurements.Sum("instagram.webhooks.received"));
        Assert.Equal(2, measurements.Sum("instagram.webhooks.received", "event.type", "MessageReceivedEvent"));
        Assert.Equal(2, measurements.Sum("instagram.webhooks.duplicates"));
        Assert.Equal(2, measurements.Sum("instagram.webhooks.rejected", "reason", "signature"));
        Assert.Equal(1, measurements.Sum("instagram.webhooks.rejected", "reason", "malformed"));
        Assert.Equal(1, measurements.Sum("instagram.webhooks.rejected", "reason", "handshake"));
        Assert.Equal(3, measurements.Sum("instagram.webhooks.handled"));
        Assert.Equal(1, measurements.Sum("instagram.webhooks.failed"));
        Assert.Equal(1, measurements.Sum("instagram.webhooks.failed", "handler", "ThrowingHandler"));
        Assert.Equal(4, measurements.Count("instagram.webhooks.queue_length")); // +1 twice, then -1 twice
        Assert.Equal(0, measurements.Sum("instagram.webhooks.queue_length"));
        Assert.Equal(4, measurements.Count("instagram.webhooks.handler.duration"));
    }

    [Fact]
    public async Task Queue_length_rises_while_events_wait_and_falls_when_they_are_handled()
    {
        using var measurements = new MeasurementRecorder();
        await using var host = await WebhookTestHost.StartAsync();
        host.Recorded.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await host.PostAsync(WebhookBodies.Delivery(WebhookBodies.Message("1", "m_1", "a"), WebhookBodies.Message("1", "m_2", "b"), WebhookBodies.Message("2", "m_3", "c")));
        await Task.Delay(100);
        Assert.Equal(3, measurements.Sum("instagram.webhooks.queue_length"));

        host.Recorded.Gate.SetResult();
        await host.Recorded.WaitForAsync(3);
        await Task.Delay(100);
        Assert.Equal(0, measurements.Sum("instagram.webhooks.queue_length"));
    }

    [Fact]
    public async Task Logs_never_contain_the_app_secret_or_the_verify_token()
    {
        const string second = "second-secret-e04c91";
        await using var host = await WebhookTestHost.StartAsync(o => o.AppSecrets.Add(second), handlers: b => b.AddHandler<ThrowingHandler>().AddHandler<RecordingHandler>());
        var body = WebhookBodies.Delivery(WebhookBodies.Message("1", "m_1", "boom"));

        await host.Client.GetAsync($"/webhooks/instagram?hub.mode=subscribe&hub.challenge=7&hub.verify_token={WebhookTestHost.VerifyToken}");
        await host.Client.GetAsync($"/webhooks/instagram?hub.mode=subscribe&hub.challenge=7&hub.verify_token={WebhookTestHost.VerifyToken}x");
        await host.PostAsync(body, secret: second);
        await host.PostAsync(body, secret: "wrong");
        await host.PostAsync(Encoding.UTF8.GetBytes("[1,"));
        await host.Recorded.WaitForAsync(1);
        await Task.Delay(100);

        var logs = host.Logs.Lines;
        Assert.Contains(logs, l => l.Contains("handshake answered", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("verify token does not match", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("matched app secret #1", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("401", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("400", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("ThrowingHandler threw", StringComparison.Ordinal));
        foreach (var secret in new[] { WebhookTestHost.Secret, second, WebhookTestHost.VerifyToken })
        {
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal) && !l.Contains("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal));
        }

        // Meta puts the verify token in the handshake's query string, and ASP.NET Core's own request logging (at
        // Information) prints URLs: that is the host's to filter (docs/webhooks-endpoint.md says how). Ours never does.
        Assert.All(logs.Where(l => l.Contains(WebhookTestHost.VerifyToken, StringComparison.Ordinal)), l => Assert.StartsWith("Information Microsoft.AspNetCore.Hosting.Diagnostics", l, StringComparison.Ordinal));
    }
}
