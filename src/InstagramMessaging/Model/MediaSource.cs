using System;

namespace InstagramMessaging;

/// <summary>Where an attachment comes from: a public URL Meta fetches, or the id of an uploaded attachment.</summary>
public readonly struct MediaSource : IEquatable<MediaSource>
{
    private MediaSource(string? url, string? attachmentId)
    {
        Url = url;
        AttachmentId = attachmentId;
    }

    /// <summary>The URL, when the media is fetched by Meta (<c>payload.url</c>).</summary>
    public string? Url { get; }

    /// <summary>The attachment id, when the media was uploaded (<c>payload.attachment_id</c>).</summary>
    public string? AttachmentId { get; }

    /// <summary>Whether this source was created (a <c>default</c> one names nothing).</summary>
    public bool IsSet => Url is not null || AttachmentId is not null;

    /// <summary>Media at a public <c>https</c> URL; <c>Validate()</c> checks it is absolute and of a type the attachment kind takes.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is null.</exception>
    public static MediaSource FromUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new MediaSource(url, null);
    }

    /// <summary>Media at a public <c>https</c> URL.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is null.</exception>
    public static MediaSource FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new MediaSource(url.IsAbsoluteUri ? url.AbsoluteUri : url.OriginalString, null);
    }

    /// <summary>Media uploaded earlier through <c>UploadAttachmentAsync</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="attachmentId"/> is null or empty.</exception>
    public static MediaSource FromAttachmentId(string attachmentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attachmentId);
        return new MediaSource(null, attachmentId);
    }

    /// <summary>Media at a URL.</summary>
    public static implicit operator MediaSource(Uri url) => FromUrl(url);

    /// <summary>Uploaded media.</summary>
    public static implicit operator MediaSource(AttachmentId id) => FromAttachmentId(id.Value);

    /// <inheritdoc />
    public bool Equals(MediaSource other) => Url == other.Url && AttachmentId == other.AttachmentId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MediaSource other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Url, AttachmentId);

    /// <inheritdoc />
    public override string ToString() => Url ?? (AttachmentId is null ? "(none)" : "attachment:" + AttachmentId);

    /// <summary>Compares two sources.</summary>
    public static bool operator ==(MediaSource left, MediaSource right) => left.Equals(right);

    /// <summary>Compares two sources.</summary>
    public static bool operator !=(MediaSource left, MediaSource right) => !left.Equals(right);
}
