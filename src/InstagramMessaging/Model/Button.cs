using System;

namespace InstagramMessaging;

/// <summary>A template or persistent-menu button: <see cref="Url(string, string)"/> or <see cref="Postback"/>, the two kinds Instagram takes.</summary>
public abstract record Button
{
    private protected Button(string title) => Title = title;

    /// <summary>What the button shows.</summary>
    public string Title { get; }

    /// <summary>A button that opens <paramref name="url"/> (<c>web_url</c>).</summary>
    public static UrlButton Url(string title, string url) => new(title, url);

    /// <summary>A button that opens <paramref name="url"/> (<c>web_url</c>).</summary>
    public static UrlButton Url(string title, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new(title, url.IsAbsoluteUri ? url.AbsoluteUri : url.OriginalString);
    }

    /// <summary>A button that sends <paramref name="payload"/> to your webhook (<c>postback</c>).</summary>
    public static PostbackButton Postback(string title, string payload) => new(title, payload);
}
