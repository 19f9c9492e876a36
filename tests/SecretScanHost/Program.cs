using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using InstagramMessaging;
using InstagramMessaging.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Usage: SecretScanHost <emulator base address> <token> <app secret> <capture file>
// Registers the client the way the README says (AddInstagramMessaging in a console host), logs everything at
// Trace, listens to every ActivitySource and every Meter, runs every client operation with a valid and with a
// revoked token, and writes all it saw to the capture file. The test scans that file for the secrets; this
// program never prints them.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: SecretScanHost <base address> <token> <app secret> <capture file>");
    return 2;
}

var (baseAddress, token, appSecret, captureFile) = (new Uri(args[0]), args[1], args[2], args[3]);
var capture = new ConcurrentQueue<string>();

using var activities = new ActivityListener
{
    ShouldListenTo = _ => true,
    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    ActivityStopped = activity => capture.Enqueue(
        $"activity {activity.Source.Name} | {activity.OperationName} | {activity.DisplayName} | {activity.Status} {activity.StatusDescription} | "
        + string.Join("; ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))
        + " | " + string.Join("; ", activity.Events.Select(e => e.Name + ":" + string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}"))))),
};
ActivitySource.AddActivityListener(activities);

using var meters = new MeterListener { InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
void Measured<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
{
    var text = new List<string>();
    foreach (var tag in tags)
    {
        text.Add($"{tag.Key}={tag.Value}");
    }

    capture.Enqueue($"metric {instrument.Meter.Name} | {instrument.Name} | {value} | {string.Join("; ", text)}");
}

meters.SetMeasurementEventCallback<long>(Measured);
meters.SetMeasurementEventCallback<int>(Measured);
meters.SetMeasurementEventCallback<double>(Measured);
meters.Start();

IHost Build(string accessToken)
{
    var builder = Host.CreateApplicationBuilder(Array.Empty<string>());
    builder.Logging.ClearProviders();
    builder.Logging.SetMinimumLevel(LogLevel.Trace);
    builder.Logging.AddFilter((_, _) => true);
    builder.Logging.AddProvider(new CaptureLoggerProvider(capture));
    builder.Services.AddInstagramMessaging(options =>
    {
        options.AccessToken = accessToken;
        options.AppSecret = appSecret;
        options.BaseAddress = baseAddress;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
    });
    return builder.Build();
}

using var host = Build(token);
using var revokedHost = Build(token + "-revoked");
await host.StartAsync();
await revokedHost.StartAsync();

// What the factory itself is set to do, whatever text the run happens to produce.
var factoryOptions = host.Services.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(nameof(InstagramMessenger));
capture.Enqueue($"fact m.e.http {typeof(HttpClientFactoryOptions).Assembly.GetName().Version}");
capture.Enqueue($"fact redacts-authorization {factoryOptions.ShouldRedactHeaderValue("Authorization")}");
var chain = new List<string>();
for (HttpMessageHandler? handler = host.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(nameof(InstagramMessenger)); handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
{
    chain.Add(handler.GetType().Name);
}

capture.Enqueue($"fact handlers {string.Join(">", chain)}");

var menu = new[] { new PersistentMenu("default", new[] { Button.Postback("Help", "HELP") }) };
var iceBreakers = new[] { new IceBreakerSet("default", new[] { new IceBreaker("Where is my order?", "ORDER") }) };
foreach (var (who, messenger) in new[] { ("valid", host.Services.GetRequiredService<InstagramMessenger>()), ("revoked", revokedHost.Services.GetRequiredService<InstagramMessenger>()) })
{
    var user = Recipient.Id("42");
    var operations = new (string Name, Func<Task> Run)[]
    {
        ("SendAsync", () => messenger.SendAsync(user, new Note("hello"))),
        ("SendAsync closed window", () => messenger.SendAsync(Recipient.Id("closed"), new Note("late"))),
        ("ReactAsync", () => messenger.ReactAsync(user, "m_1")),
        ("UnreactAsync", () => messenger.UnreactAsync(user, "m_1")),
        ("SendHeartAsync", () => messenger.SendHeartAsync(user)),
        ("SendSenderActionAsync", () => messenger.SendSenderActionAsync(user, SenderAction.TypingOn)),
        ("UploadAttachmentAsync url", () => messenger.UploadAttachmentAsync(MediaKind.Image, new Uri("https://cdn.example.com/a.png"))),
        ("UploadAttachmentAsync stream", () => messenger.UploadAttachmentAsync(MediaKind.Image, new MemoryStream(new byte[2048]), "a.png", "image/png")),
        ("SetIceBreakersAsync", () => messenger.SetIceBreakersAsync(iceBreakers)),
        ("GetIceBreakersAsync", () => messenger.GetIceBreakersAsync()),
        ("DeleteIceBreakersAsync", () => messenger.DeleteIceBreakersAsync()),
        ("SetPersistentMenuAsync", () => messenger.SetPersistentMenuAsync(menu)),
        ("GetPersistentMenuAsync", () => messenger.GetPersistentMenuAsync()),
        ("DeletePersistentMenuAsync", () => messenger.DeletePersistentMenuAsync()),
    };

    foreach (var (name, run) in operations)
    {
        // Several rounds, so the emulator's injected faults (retries, dropped answers) reach most operations.
        for (var round = 0; round < 4; round++)
        {
            try
            {
                await run();
                capture.Enqueue($"outcome {who} | {name} | ok");
            }
            catch (Exception ex)
            {
                capture.Enqueue($"outcome {who} | {name} | {ex.GetType().Name}");
                capture.Enqueue("exception " + ex);
            }
        }
    }
}

await revokedHost.StopAsync();
await host.StopAsync();
meters.RecordObservableInstruments();
await File.WriteAllLinesAsync(captureFile, capture);
Console.WriteLine($"captured {capture.Count} lines");
return 0;

[InstagramMessage]
internal partial record Note([property: MessageText] string Text);

internal sealed class CaptureLoggerProvider(ConcurrentQueue<string> capture) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CaptureLogger(capture, categoryName);

    public void Dispose()
    {
    }

    private sealed class CaptureLogger(ConcurrentQueue<string> capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            capture.Enqueue($"scope {category} | {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            capture.Enqueue($"log {logLevel} {category} | {formatter(state, exception)} | {values} | {exception}");
        }
    }
}
