using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;

namespace InstagramMessaging.Testing;

// The platform's per-account rate limits as the emulator plays them, on its own figures (not the client's): the calls
// of every sliding window, per account and traffic class, at most the class's rate plus a tolerance. Sends count by
// the second (text, audio/video); private replies have their own classes (send spec §4.1): live comments by the
// second, post and reel comments by the hour.
internal sealed class EmulatorRateLimits
{
    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_hour = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private int _throttled;

    public int TextCallsPerSecond { get; set; } = 100;

    public int AudioVideoCallsPerSecond { get; set; } = 10;

    public int PrivateRepliesPerHour { get; set; } = 750;

    public int LivePrivateRepliesPerSecond { get; set; } = 100;

    public int Tolerance { get; set; }

    public int ThrottledCalls => _throttled;

    // Counts a send, or answers 613/2534040 when the second before it already holds the limit.
    public GraphError? Check(string account, JsonElement body, DateTimeOffset now)
    {
        var audioVideo = body.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("attachment", out var attachment) && attachment.ValueKind == JsonValueKind.Object
            && attachment.TryGetProperty("type", out var type) && type.GetString() is "audio" or "video";
        return audioVideo
            ? Count(account + "|av", AudioVideoCallsPerSecond, s_second, now)
            : Count(account + "|text", TextCallsPerSecond, s_second, now);
    }

    // Counts a private reply (to a live comment or to a post/reel comment), or answers 613/2534040 over the limit.
    public GraphError? CheckPrivateReply(string account, bool live, DateTimeOffset now)
        => live
            ? Count(account + "|reply-live", LivePrivateRepliesPerSecond, s_second, now)
            : Count(account + "|reply", PrivateRepliesPerHour, s_hour, now);

    private GraphError? Count(string key, int rate, TimeSpan span, DateTimeOffset now)
    {
        var limit = rate + Tolerance;
        var window = _windows.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (window)
        {
            while (window.Count > 0 && window.Peek() <= now - span)
            {
                window.Dequeue();
            }

            if (window.Count >= limit)
            {
                Interlocked.Increment(ref _throttled);
                return new GraphError(400, 613, 2534040, "(#613) Calls to this api have exceeded the rate limit.");
            }

            window.Enqueue(now);
        }

        return null;
    }
}
