using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace InstagramMessaging.Webhooks;

// The receive side's instruments, on the same activity source and meter name as the client (InstagramTelemetry.Name),
// so one AddSource/AddMeter covers both halves of a conversation.
internal static class WebhookTelemetry
{
    public const string ReasonTag = "reason";
    public const string EventTypeTag = "event.type";
    public const string HandlerTag = "handler";

    public static readonly ActivitySource Source = new(InstagramTelemetry.Name);
    public static readonly Meter Meter = new(InstagramTelemetry.Name);

    public static readonly Counter<long> Received = Meter.CreateCounter<long>("instagram.webhooks.received", description: "Webhook events accepted and queued, by event type.");
    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("instagram.webhooks.duplicates", description: "Webhook events dropped because their dedupe key was already seen.");
    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("instagram.webhooks.rejected", description: "Webhook requests refused, by reason (handshake, signature, too_large, malformed, queue_full, store_failure).");
    public static readonly Counter<long> Handled = Meter.CreateCounter<long>("instagram.webhooks.handled", description: "Handler calls that completed, by event type.");
    public static readonly Counter<long> Failed = Meter.CreateCounter<long>("instagram.webhooks.failed", description: "Handler calls that threw, by event type and handler.");
    public static readonly UpDownCounter<long> Queued = Meter.CreateUpDownCounter<long>("instagram.webhooks.queue_length", description: "Accepted webhook events not yet handled.");
    public static readonly Counter<long> DedupeEvictedEarly = Meter.CreateCounter<long>("instagram.webhooks.dedupe.evicted_early", description: "Dedupe keys the in-memory store let go before their lifetime ended because it was full: a retry of such an event would be handled again.");
    public static readonly Histogram<double> HandlerDuration = Meter.CreateHistogram<double>("instagram.webhooks.handler.duration", unit: "ms", description: "Time of one handler call on one event.");
}
