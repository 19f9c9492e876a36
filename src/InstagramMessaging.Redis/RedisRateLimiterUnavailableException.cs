using System;

namespace InstagramMessaging.Redis;

/// <summary>
/// The shared rate budget in Redis could not be reached, so the call was not made: sends fail closed (never an
/// unpaced burst) until Redis answers again. Safe to retry later; nothing reached Meta.
/// </summary>
public sealed class RedisRateLimiterUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The Redis client's error.</param>
    public RedisRateLimiterUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
