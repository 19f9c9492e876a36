using System;
using System.Collections.Generic;

namespace InstagramMessaging.Testing;

/// <summary>One HTTP POST the emulator made to the app's webhook callback, successful or not.</summary>
/// <param name="DeliveryNumber">Which delivery (one body) this attempt belongs to, counted from 1; retries share it.</param>
/// <param name="AttemptNumber">1 for the first try of a delivery, 2 for its first retry, and so on.</param>
/// <param name="Target">Where it was posted: the callback URL, or the path on an in-process client.</param>
/// <param name="Body">The body exactly as sent (UTF-8).</param>
/// <param name="Headers">The request headers the emulator set, such as <c>X-Hub-Signature-256</c>.</param>
/// <param name="StatusCode">The HTTP status the app answered, or null when it did not answer (timeout, connection error).</param>
/// <param name="Latency">How long the app took to answer (or until the attempt was abandoned), measured in real time.</param>
/// <param name="Error">Why the attempt failed without an answer, such as a timeout; null when the app answered.</param>
public sealed record WebhookDeliveryAttempt(
    long DeliveryNumber,
    int AttemptNumber,
    string Target,
    string Body,
    IReadOnlyDictionary<string, string> Headers,
    int? StatusCode,
    TimeSpan Latency,
    string? Error)
{
    /// <summary>When the attempt started, on the emulator's clock.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>How many events (messaging items) the body carries.</summary>
    public int EventCount { get; init; }

    /// <summary>Whether the app acknowledged the delivery: it answered 200, the only answer Meta accepts.</summary>
    public bool Succeeded => StatusCode == 200;
}
