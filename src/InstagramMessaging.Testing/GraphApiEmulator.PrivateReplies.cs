using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace InstagramMessaging.Testing;

// Private replies (send spec 3.8): the business answers a comment with `recipient: {"comment_id": ...}`, once per
// comment, within 7 days of it (a comment on a live broadcast: only while the broadcast runs). For a comment the emulator
// made (SimulatedUser.CommentAsync) the reply goes to the commenter: answered with their IGSID, filed in their
// conversation, and it opens no window. A comment's `from.id` is the commenter's Instagram user id, not the IGSID;
// the emulator keeps which IGSID each such id belongs to, and refuses a send to the IG user id (100/2534014). A
// comment id the emulator never made (a test's own) is accepted, once, and answered as a comment of a new customer of
// its own: a stable new IGSID, whose conversation holds the reply.
public sealed partial class GraphApiEmulator
{
    // The comments remembered for private replies, at most; beyond, the oldest are forgotten (as the timeline's entries).
    internal const int MaxRememberedComments = 20_000;
    private const int SweepEvery = 1_000;
    private static readonly TimeSpan s_privateReplyPeriod = TimeSpan.FromDays(7);
    private readonly ConcurrentDictionary<string, (string CommenterId, DateTimeOffset CreatedAt, EmulatedLiveBroadcast? Live)> _comments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EmulatedLiveBroadcast> _broadcasts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _commenters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _commenterIgUsers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _answeredComments = new(StringComparer.Ordinal);
    private readonly object _sweepGate = new();
    private int _commentsSinceSweep;

    /// <summary>
    /// Starts a live broadcast on the account: customers can comment on it with
    /// <see cref="SimulatedUser.CommentOnLiveAsync"/> until <see cref="EmulatedLiveBroadcast.End"/>, and the business can
    /// answer those comments privately only while it runs.
    /// </summary>
    /// <param name="mediaId">The live media's id; a realistic new one (18 digits) when null.</param>
    /// <returns>The running broadcast.</returns>
    /// <exception cref="InvalidOperationException">A broadcast with that media id was already started.</exception>
    public EmulatedLiveBroadcast StartLiveBroadcast(string? mediaId = null)
    {
        if (mediaId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(mediaId);
        }

        var broadcast = new EmulatedLiveBroadcast(mediaId ?? MetaIds.MediaId(), _time);
        return _broadcasts.TryAdd(broadcast.MediaId, broadcast)
            ? broadcast
            : throw new InvalidOperationException($"A live broadcast with media id {broadcast.MediaId} was already started; each broadcast is its own media.");
    }

    // Whether this emulator started the broadcast (a customer comments only on this account's live media).
    internal bool Owns(EmulatedLiveBroadcast broadcast) => _broadcasts.TryGetValue(broadcast.MediaId, out var own) && ReferenceEquals(own, broadcast);

    // Called by SimulatedUser before the comment's webhook goes out, so an app answering it at once finds it.
    internal void OnComment(string commentId, string commenterId, DateTimeOffset createdAt, EmulatedLiveBroadcast? live = null)
    {
        _commenters.TryAdd(commenterId, 0);
        RememberComment(commentId, (commenterId, createdAt, live));
    }

    // Called before a change with `from.id` goes out: that Instagram user id belongs to this IGSID (one per customer).
    internal void OnIgUserSeen(string igUserId, string igsid) => _commenterIgUsers.TryAdd(igUserId, igsid);

    // The Instagram user id of the customer with this IGSID (their comments' from.id), or null for one the emulator
    // has not played.
    internal string? IgUserIdOf(string igsid) => _users.TryGetValue(igsid, out var user) ? user.IgUserId : null;

    /// <summary>How many comments the emulator remembers for private replies (bounded; see <see cref="MaxRememberedComments"/>).</summary>
    internal int RememberedComments => _comments.Count;

    // Meta's 100/2534014 for a send whose recipient.id is a commenter's Instagram user id (a comment's from.id) rather
    // than an IGSID; null for any other id.
    internal GraphError? IgUserIdAsRecipient(string recipientId)
        => _commenterIgUsers.ContainsKey(recipientId) && !_users.ContainsKey(recipientId)
            ? GraphError.InvalidParameter("No matching Instagram user (an IG user ID was used instead of an IGSID).", 2534014)
            : null;

    private void RememberComment(string commentId, (string CommenterId, DateTimeOffset CreatedAt, EmulatedLiveBroadcast? Live) comment)
    {
        _comments[commentId] = comment;
        if (Interlocked.Increment(ref _commentsSinceSweep) >= SweepEvery || _comments.Count > MaxRememberedComments)
        {
            SweepComments();
        }
    }

    // Forgets what can take no private reply any more (comments 7 days old or older, those of ended broadcasts, and the
    // ended broadcasts), then the oldest comments when over MaxRememberedComments: the emulator tool runs for days.
    private void SweepComments()
    {
        lock (_sweepGate)
        {
            Interlocked.Exchange(ref _commentsSinceSweep, 0);
            var now = _time.GetUtcNow();
            foreach (var (id, comment) in _comments)
            {
                if (comment.Live is { IsLive: false } || (comment.Live is null && now - comment.CreatedAt >= s_privateReplyPeriod))
                {
                    Forget(id);
                }
            }

            foreach (var (mediaId, broadcast) in _broadcasts)
            {
                if (!broadcast.IsLive)
                {
                    _broadcasts.TryRemove(mediaId, out _);
                }
            }

            // Over the cap, down to 90% of it: the next comments do not each pay for a sort.
            if (_comments.Count > MaxRememberedComments)
            {
                var excess = _comments.Count - (MaxRememberedComments / 10 * 9);
                foreach (var id in _comments.OrderBy(c => c.Value.CreatedAt).Take(excess).Select(c => c.Key).ToList())
                {
                    Forget(id);
                }
            }
        }
    }

    private void Forget(string commentId)
    {
        _comments.TryRemove(commentId, out _);
        _answeredComments.TryRemove(commentId, out _);
    }

    // A customer the emulator knows only from comments has no window: a comment is not a message, and neither is a
    // private reply to it (the customer's answer opens the window).
    private bool OnlyCommented(string igsid) => _commenters.ContainsKey(igsid) && !_windowOpenedAt.ContainsKey(igsid);

    // `recipient.comment_id` of a send body, or null when it goes to an IGSID.
    internal static string? CommentIdOf(JsonElement body)
        => body.TryGetProperty("recipient", out var recipient) && recipient.ValueKind == JsonValueKind.Object
            && recipient.TryGetProperty("comment_id", out var comment) && comment.ValueKind == JsonValueKind.String
            && comment.GetString() is { Length: > 0 } commentId
                ? commentId
                : null;

    // Who a private reply goes to (the commenter's IGSID; for a comment the emulator never made, a stable new IGSID of
    // its own), or Meta's 100/2534025 when the comment can no longer be answered privately.
    private GraphError? PrivateReplyRecipient(string commentId, out string recipientId)
    {
        if (_answeredComments.ContainsKey(commentId))
        {
            recipientId = _comments.TryGetValue(commentId, out var answered) ? answered.CommenterId : string.Empty;
            return CommentNotValid("it already has its one private reply.");
        }

        var comment = CommentOrNew(commentId, out var isNew);
        if (isNew)
        {
            recipientId = comment.CommenterId;
            return null;
        }

        recipientId = comment.CommenterId;
        if (comment.Live is { } live)
        {
            if (!live.IsLive)
            {
                return CommentNotValid("its live broadcast has ended.");
            }
        }
        else if (_time.GetUtcNow() - comment.CreatedAt >= s_privateReplyPeriod)
        {
            return CommentNotValid("it is more than 7 days old.");
        }

        return null;
    }

    // Whether a private reply to the comment counts as one to a live comment (100 calls/s) or to a post (750 calls/hour).
    private bool IsLiveComment(string commentId) => _comments.TryGetValue(commentId, out var comment) && comment.Live is not null;

    // Takes the comment's one private reply; false when a concurrent send took it first.
    private bool ClaimComment(string commentId) => _answeredComments.TryAdd(commentId, 0);

    // The page's conversation for a private reply (refused ones included): the commenter's IGSID.
    private string ConversationOfComment(string commentId) => CommentOrNew(commentId, out _).CommenterId;

    // The comment as remembered; a comment id the emulator never made (a test's own) becomes a comment of a new customer
    // the emulator has not met, with a stable new IGSID of their own, dated now.
    private (string CommenterId, DateTimeOffset CreatedAt, EmulatedLiveBroadcast? Live) CommentOrNew(string commentId, out bool isNew)
    {
        if (_comments.TryGetValue(commentId, out var comment))
        {
            isNew = false;
            return comment;
        }

        var made = (CommenterId: MetaIds.Igsid(), CreatedAt: _time.GetUtcNow(), Live: (EmulatedLiveBroadcast?)null);
        comment = _comments.GetOrAdd(commentId, made);
        isNew = ReferenceEquals(comment.CommenterId, made.CommenterId);
        if (isNew)
        {
            RememberComment(commentId, comment);
        }

        return comment;
    }

    private static GraphError CommentNotValid(string reason)
        => GraphError.InvalidParameter("The comment is not valid for a private reply: " + reason, 2534025);
}
