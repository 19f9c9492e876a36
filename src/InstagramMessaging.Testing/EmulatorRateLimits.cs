using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;

namespace InstagramMessaging.Testing;

// The platform's per-account rate limits as the emulator plays them, on its own figures (not the client's):
// the calls of every sliding second, per account and traffic class, at most the class's rate plus a tolerance.
internal sealed class EmulatorRateLimits
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private int _throttled;

    public int TextCallsPerSecond { get; set; } = 100;

    public int AudioVideoCallsPerSecond { get; set; } = 10;

    public int Tolerance { get; set; }

    public int ThrottledCalls => _throttled;

    // Counts the call, or answers 613/2534040 when the second before it already holds the limit.
    public GraphError? Check(string account, JsonElement body, DateTimeOffset now)
    {
        var audioVideo = body.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("attachment", out var attachment) && attachment.ValueKind == JsonValueKind.Object
            && attachment.TryGetProperty("type", out var type) && type.GetString() is "audio" or "video";
        var limit = (audioVideo ? AudioVideoCallsPerSecond : TextCallsPerSecond) + Tolerance;
        var window = _windows.GetOrAdd(account + (audioVideo ? "|av" : "|text"), _ => new Queue<DateTimeOffset>());
        lock (window)
        {
            while (window.Count > 0 && window.Peek() <= now - TimeSpan.FromSeconds(1))
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
