using System;

namespace InstagramMessaging.Redis;

/// <summary>
/// How to reach Redis. The defaults fail fast: a command to an unreachable server fails in milliseconds (the
/// connection is not retried in the caller's path and commands are not held back while it is down) instead of the
/// client's default of hanging about 5 seconds per call; reconnection goes on in the background.
/// </summary>
public abstract class RedisConnectionOptions
{
    /// <summary>
    /// The StackExchange.Redis configuration string, such as <c>redis1:6379,password=...</c> (keep it out of source
    /// control; read it from configuration). Required. A single server or a primary with replicas; not a cluster.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Prepended to every key (<c>{prefix}:rate:...</c>), so several apps can share one Redis. <c>instagram</c> by default.</summary>
    public string KeyPrefix { get; set; } = "instagram";

    /// <summary>How long to wait for a connection to be made. 1 second by default.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one command may take before it fails. 500 ms by default.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    // The first problem with the settings, or null.
    internal virtual string? FindProblem()
    {
        if (string.IsNullOrWhiteSpace(Configuration))
        {
            return "Configuration (the Redis configuration string, e.g. \"localhost:6379\") is required.";
        }

        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            return "KeyPrefix must not be empty.";
        }

        if (ConnectTimeout <= TimeSpan.Zero || OperationTimeout <= TimeSpan.Zero)
        {
            return "ConnectTimeout and OperationTimeout must be positive.";
        }

        return null;
    }
}
