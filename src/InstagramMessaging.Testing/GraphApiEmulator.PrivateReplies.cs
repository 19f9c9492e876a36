using System;
using System.Collections.Concurrent;
using System.Text.Json;

namespace InstagramMessaging.Testing;

// Private replies (send spec 3.8): the business answers a comment with `recipient: {"comment_id": ...}`, once per
// comment, within 7 days of it (a comment on a live broadcast: only while the broadcast runs). For a comment the emulator made (SimulatedUser.CommentAsync) the reply goes to the
// commenter: answered with their IGSID, filed in their conversation, and it opens no window. A comment id the
// emulator never made (a test's own) is accepted, once, and filed under "comment:<id>".
public sealed partial class GraphApiEmulator
{
    private static readonly TimeSpan s_privateReplyPeriod = TimeSpan.FromDays(7);
    private readonly ConcurrentDictionary<string, (string CommenterId, DateTimeOffset CreatedAt, EmulatedLiveBroadcast? Live)> _comments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EmulatedLiveBroadcast> _broadcasts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _commenters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _answeredComments = new(StringComparer.Ordinal);

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
        _comments[commentId] = (commenterId, createdAt, live);
        _commenters.TryAdd(commenterId, 0);
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

    // Who a private reply goes to (the commenter's IGSID, or the comment id itself for a comment the emulator never
    // made), or Meta's 100/2534025 when the comment can no longer be answered privately.
    private GraphError? PrivateReplyRecipient(string commentId, out string recipientId)
    {
        recipientId = commentId;
        if (_answeredComments.ContainsKey(commentId))
        {
            return CommentNotValid("it already has its one private reply.");
        }

        if (_comments.TryGetValue(commentId, out var comment))
        {
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

            recipientId = comment.CommenterId;
        }

        return null;
    }

    // Whether a private reply to the comment counts as one to a live comment (100 calls/s) or to a post (750 calls/hour).
    private bool IsLiveComment(string commentId) => _comments.TryGetValue(commentId, out var comment) && comment.Live is not null;

    // Takes the comment's one private reply; false when a concurrent send took it first.
    private bool ClaimComment(string commentId) => _answeredComments.TryAdd(commentId, 0);

    // The page's conversation for a private reply: the commenter's, else one of its own per unknown comment.
    private string ConversationOfComment(string commentId)
        => _comments.TryGetValue(commentId, out var comment) ? comment.CommenterId : "comment:" + commentId;

    private static GraphError CommentNotValid(string reason)
        => GraphError.InvalidParameter("The comment is not valid for a private reply: " + reason, 2534025);
}
