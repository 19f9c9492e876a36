using System;

namespace InstagramMessaging;

/// <summary>Who receives a message: an Instagram-scoped user id, or a comment for a private reply.</summary>
public readonly struct Recipient : IEquatable<Recipient>
{
    private Recipient(RecipientKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>Whether <see cref="Value"/> is a user id or a comment id.</summary>
    public RecipientKind Kind { get; }

    /// <summary>The IGSID or the comment id.</summary>
    public string Value { get; }

    /// <summary>Whether this recipient was created through <see cref="Id"/> or <see cref="Comment"/>.</summary>
    public bool IsSet => Value is not null;

    /// <summary>A person, by the Instagram-scoped id (IGSID) your webhook received.</summary>
    /// <exception cref="ArgumentException"><paramref name="igsid"/> is null, empty or white space.</exception>
    public static Recipient Id(string igsid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(igsid);
        return new Recipient(RecipientKind.User, igsid);
    }

    /// <summary>A private reply to a comment on one of your posts, reels or live broadcasts (one per comment, within 7 days).</summary>
    /// <exception cref="ArgumentException"><paramref name="commentId"/> is null, empty or white space.</exception>
    public static Recipient Comment(string commentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commentId);
        return new Recipient(RecipientKind.Comment, commentId);
    }

    /// <inheritdoc />
    public bool Equals(Recipient other) => Kind == other.Kind && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Recipient other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    /// <inheritdoc />
    public override string ToString() => Kind == RecipientKind.Comment ? $"comment:{Value}" : $"id:{Value}";

    /// <summary>Compares two recipients.</summary>
    public static bool operator ==(Recipient left, Recipient right) => left.Equals(right);

    /// <summary>Compares two recipients.</summary>
    public static bool operator !=(Recipient left, Recipient right) => !left.Equals(right);
}
