namespace InstagramMessaging;

/// <summary>A <c>web_url</c> button.</summary>
public sealed record UrlButton : Button
{
    internal UrlButton(string title, string url)
        : base(title) => Address = url;

    /// <summary>The URL it opens.</summary>
    public string Address { get; }
}
