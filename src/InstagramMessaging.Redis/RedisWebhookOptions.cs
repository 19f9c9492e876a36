using System;

namespace InstagramMessaging.Redis;

/// <summary>Settings of the shared dedupe record and the durable webhook queue (<c>services.AddInstagramWebhooks(...).UseRedis(...)</c>).</summary>
public sealed class RedisWebhookOptions : RedisConnectionOptions
{
    /// <summary>
    /// How many streams events are spread over, by a hash of the customer. Each is read by one instance at a time
    /// (it holds the partition's lease), which keeps one customer's events in order across instances; more
    /// partitions spread the work over more instances. 16 by default.
    /// </summary>
    public int Partitions { get; set; } = 16;

    /// <summary>How long a partition's lease lasts without renewal: how soon another instance takes over from a crashed one. 10 seconds by default.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an event whose handler failed waits before it is handed out again. 30 seconds by default.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times an event is handed to the handlers before it goes to the dead-letter stream (<c>{prefix}:webhooks:dead</c>). 5 by default.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long to wait before asking Redis again when no partition had new events. 100 ms by default.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many events are read from a partition at once. 64 by default.</summary>
    public int ReadBatchSize { get; set; } = 64;

    internal override string? FindProblem()
    {
        if (base.FindProblem() is { } problem)
        {
            return problem;
        }

        if (Partitions is < 1 or > 1024)
        {
            return "Partitions must be between 1 and 1024.";
        }

        if (MaxAttempts < 1)
        {
            return "MaxAttempts must be at least 1.";
        }

        if (ReadBatchSize < 1)
        {
            return "ReadBatchSize must be at least 1.";
        }

        if (LeaseDuration < TimeSpan.FromMilliseconds(300))
        {
            return "LeaseDuration must be at least 300 ms (it is renewed every third of it).";
        }

        return RetryDelay <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero ? "RetryDelay and PollInterval must be positive." : null;
    }
}
