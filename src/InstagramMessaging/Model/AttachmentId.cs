using System;

namespace InstagramMessaging;

/// <summary>The id of media uploaded through the Attachment Upload API, reusable across messages.</summary>
public readonly record struct AttachmentId
{
    /// <summary>Wraps an attachment id.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public AttachmentId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The id as Meta returned it.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
