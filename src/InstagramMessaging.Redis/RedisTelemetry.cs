using System.Diagnostics.Metrics;

namespace InstagramMessaging.Redis;

// The scale-out package's instruments, on the client's meter name (InstagramTelemetry.Name).
internal static class RedisTelemetry
{
    public const string ReasonTag = "reason";

    public static readonly Meter Meter = new(InstagramTelemetry.Name);

    public static readonly Counter<long> LimiterUnavailable = Meter.CreateCounter<long>("instagram.redis.limiter.unavailable", description: "Sends refused because the shared rate budget in Redis could not be reached.");
    public static readonly Counter<long> LimiterLateSlots = Meter.CreateCounter<long>("instagram.redis.limiter.late_slots", description: "Permits whose caller woke too long after its reserved slot (a starved process) and took a new one instead of joining a burst.");
    public static readonly Counter<long> DedupeUnavailable = Meter.CreateCounter<long>("instagram.redis.dedupe.unavailable", description: "Dedupe lookups or marks that failed open because Redis could not be reached.");
    public static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("instagram.webhooks.dead_lettered", description: "Webhook events moved to the dead-letter stream after too many failed attempts (reason: handler_failed or unreadable).");
    public static readonly Counter<long> Redelivered = Meter.CreateCounter<long>("instagram.webhooks.redelivered", description: "Webhook events handed out again: a failed handler's retry or a crashed instance's event claimed.");
}
