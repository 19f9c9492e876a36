using System;

namespace InstagramMessaging.Testing;

/// <summary>
/// A live video the account is broadcasting, started with <see cref="GraphApiEmulator.StartLiveBroadcast"/>. While it
/// runs, customers comment on it (<see cref="SimulatedUser.CommentOnLiveAsync"/>, field <c>live_comments</c>) and the
/// business may answer each comment with a private reply; once it has ended (<see cref="End"/>) it takes no more
/// comments and its comments no private reply, as Meta's rules say (webhook spec 4.17, send spec 3.8). Thread-safe.
/// </summary>
public sealed class EmulatedLiveBroadcast
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private DateTimeOffset? _endedAt;

    internal EmulatedLiveBroadcast(string mediaId, TimeProvider time)
    {
        MediaId = mediaId;
        _time = time;
        StartedAt = time.GetUtcNow();
    }

    /// <summary>The live media's id, as <c>media.id</c> of its comments carries.</summary>
    public string MediaId { get; }

    /// <summary>When the broadcast started, on the emulator's clock.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>When the broadcast ended, on the emulator's clock; null while it runs.</summary>
    public DateTimeOffset? EndedAt
    {
        get
        {
            lock (_gate)
            {
                return _endedAt;
            }
        }
    }

    /// <summary>Whether the broadcast is still running.</summary>
    public bool IsLive => EndedAt is null;

    /// <summary>Ends the broadcast (nothing happens when it already ended).</summary>
    public void End()
    {
        lock (_gate)
        {
            _endedAt ??= _time.GetUtcNow();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"Live broadcast {MediaId} ({(IsLive ? "live" : "ended")})";
}
