using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Xunit;
using static InstagramMessaging.Tests.ScriptedHandler;

namespace InstagramMessaging.Tests;

[Collection(nameof(TelemetryTests))] // listeners see every messenger in the process: keep these tests apart
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public class TelemetryTests
{
    [Fact]
    public async Task Sends_retries_failures_and_throttles_are_measured_and_traced()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == InstagramTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.Enqueue((instrument.Name, value)));
        meters.SetMeasurementEventCallback<double>((instrument, value, _, _) => measurements.Enqueue((instrument.Name, value)));
        meters.Start();
        var activities = new ConcurrentQueue<Activity>();
        using var traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == InstagramTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(traces);

        var handler = new ScriptedHandler(
            Error(2, transient: true, status: HttpStatusCode.ServiceUnavailable), Success("m_1"),
            Error(100, 2018047),
            Error(4));
        var messenger = new InstagramMessenger(new HttpClient(handler), new InstagramMessengerOptions { AccessToken = "telemetry-token", RetryBaseDelay = TimeSpan.FromMilliseconds(1) }, rateLimiter: new InstagramRateLimiter(1000, 1000));

        await new TextMessage("ok").SendAsync(messenger, Recipient.Id("1"));
        await Assert.ThrowsAsync<InstagramInvalidParameterException>(() => new TextMessage("bad").SendAsync(messenger, Recipient.Id("1")));
        await Assert.ThrowsAsync<InstagramRateLimitedException>(() => new TextMessage("slow").SendAsync(messenger, Recipient.Id("1")));
        meters.RecordObservableInstruments();

        double Sum(string name) => measurements.Where(m => m.Instrument == name).Sum(m => m.Value);
        Assert.Equal(1, Sum("instagram.messaging.sent"));
        Assert.Equal(1, Sum("instagram.messaging.retried"));
        Assert.Equal(1, Sum("instagram.messaging.failed"));
        Assert.Equal(1, Sum("instagram.messaging.throttled"));
        Assert.Equal(3, measurements.Count(m => m.Instrument == "instagram.messaging.duration"));

        var calls = activities.Where(a => a.OperationName == "instagram messages").ToArray();
        Assert.Equal(3, calls.Length);
        Assert.Equal(2, calls.Count(a => a.Status == ActivityStatusCode.Error));
    }

    [Fact]
    public async Task Dropped_connections_over_loopback_are_outcome_unknown_and_never_resent()
    {
        await using var server = await GraphApiEmulatorServer.StartAsync();
        using var http = new HttpClient();
        var messenger = new InstagramMessenger(http, new InstagramMessengerOptions { AccessToken = GraphApiEmulator.DefaultAccessToken, BaseAddress = server.BaseAddress });

        server.Emulator.Faults.DropAfterProcessingRate = 1;
        await Assert.ThrowsAsync<InstagramOutcomeUnknownException>(() => new TextMessage("after").SendAsync(messenger, Recipient.Id("9")));
        server.Emulator.Faults.DropAfterProcessingRate = 0;
        server.Emulator.Faults.DropBeforeProcessingRate = 1;
        await Assert.ThrowsAsync<InstagramOutcomeUnknownException>(() => new TextMessage("before").SendAsync(messenger, Recipient.Id("9")));

        Assert.Equal(new[] { "after" }, server.Emulator.Conversation("9").Select(m => m.Text).ToArray());
        Assert.Equal(2, server.Emulator.Requests.Count);
    }
}
