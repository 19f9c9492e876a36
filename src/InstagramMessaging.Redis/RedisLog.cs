using System;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.Redis;

internal static partial class RedisLog
{
    [LoggerMessage(101, LogLevel.Warning, "Redis could not be reached for the webhook dedupe record; the event counts as new (dedupe fails open).")]
    public static partial void DedupeFailedOpen(ILogger logger, Exception exception);

    [LoggerMessage(102, LogLevel.Warning, "Redis could not be reached while reading the webhook queue; trying again in {DelayMs} ms.")]
    public static partial void QueueReadFailed(ILogger logger, Exception exception, double delayMs);

    [LoggerMessage(103, LogLevel.Information, "Took the webhook queue's partition {Partition} (its pending events are claimed first).")]
    public static partial void PartitionTaken(ILogger logger, int partition);

    [LoggerMessage(104, LogLevel.Warning, "Lost the lease of the webhook queue's partition {Partition}.")]
    public static partial void PartitionLost(ILogger logger, int partition);

    [LoggerMessage(105, LogLevel.Error, "Webhook event {EntryId} of partition {Partition} moved to the dead-letter stream after {Attempts} attempts ({Reason}).")]
    public static partial void DeadLettered(ILogger logger, string entryId, int partition, long attempts, string reason);

    [LoggerMessage(106, LogLevel.Information, "Webhook event {EntryId} of partition {Partition} failed (attempt {Attempts} of {MaxAttempts}); it is handed out again after the retry delay.")]
    public static partial void WillRetry(ILogger logger, string entryId, int partition, long attempts, int maxAttempts);
}
