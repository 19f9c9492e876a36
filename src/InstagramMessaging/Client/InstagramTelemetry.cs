using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace InstagramMessaging;

/// <summary>
/// The client's traces and metrics. Subscribe to the <see cref="Name"/> activity source and meter (for example
/// with OpenTelemetry's <c>AddSource</c> / <c>AddMeter</c>).
/// </summary>
public static class InstagramTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "InstagramMessaging";

    internal static readonly ActivitySource Source = new(Name);
    internal static readonly Meter Meter = new(Name);
    internal static readonly Counter<long> Sent = Meter.CreateCounter<long>("instagram.messaging.sent", description: "Calls the Graph API accepted.");
    internal static readonly Counter<long> Failed = Meter.CreateCounter<long>("instagram.messaging.failed", description: "Calls that failed, by error code.");
    internal static readonly Counter<long> Retried = Meter.CreateCounter<long>("instagram.messaging.retried", description: "Retries of calls that could not have been delivered.");
    internal static readonly Counter<long> Throttled = Meter.CreateCounter<long>("instagram.messaging.throttled", description: "Calls Meta throttled.");
    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("instagram.messaging.duration", unit: "ms", description: "Time of a call, retries and pacing included.");
}
