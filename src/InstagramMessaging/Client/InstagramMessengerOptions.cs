using System;

namespace InstagramMessaging;

/// <summary>Where and as whom <see cref="InstagramMessenger"/> sends.</summary>
public sealed class InstagramMessengerOptions
{
    /// <summary>The Facebook Graph API host, the default <see cref="BaseAddress"/>.</summary>
    public static Uri FacebookGraphAddress { get; } = new("https://graph.facebook.com/");

    /// <summary>The host of the Instagram API with Instagram Login, for apps that use Instagram user tokens.</summary>
    public static Uri InstagramGraphAddress { get; } = new("https://graph.instagram.com/");

    /// <summary>
    /// The Page access token (or Instagram user token). Sent only in the <c>Authorization: Bearer</c> header;
    /// never in a URL, a log line or an exception message. Printable ASCII only: whitespace (a trailing newline
    /// from a file), control and non-ASCII characters are refused.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// The app secret. When set, every request carries an <c>appsecret_proof</c> (see <see cref="AppSecretProof"/>),
    /// as apps with "Require App Secret" need.
    /// </summary>
    public string? AppSecret { get; set; }

    /// <summary>Which form of <c>appsecret_proof</c> to send when <see cref="AppSecret"/> is set.</summary>
    public AppSecretProofStyle AppSecretProof { get; set; } = AppSecretProofStyle.Timestamped;

    /// <summary>
    /// The Graph API host, ending in '/'. Default <c>https://graph.facebook.com/</c>. Must be https, except for a
    /// loopback host (such as the emulator), and carry no user information, query or fragment.
    /// </summary>
    public Uri BaseAddress { get; set; } = FacebookGraphAddress;

    /// <summary>The versioned path segment, <c>v</c> + digits + <c>.</c> + digits. Default <c>v25.0</c>.</summary>
    public string ApiVersion { get; set; } = "v25.0";

    /// <summary>The Page (or Instagram account) that sends: <c>me</c> (the default, the token's own) or a numeric id.</summary>
    public string PageId { get; set; } = "me";

    /// <summary>
    /// When an account does not have multi-image sending yet (code 2, subcode 2534068), send the images one per
    /// message instead of throwing <see cref="InstagramFeatureUnavailableException"/>. Off by default: the user then
    /// gets several messages where one was meant.
    /// </summary>
    public bool SendImagesSeparatelyWhenMultiImageUnavailable { get; set; }

    /// <summary>
    /// How often a call is retried when a retry cannot deliver a message twice: Meta said the error is transient,
    /// or no connection could be made. Default 3; 0 turns retries off.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Text-class calls (text, links, reactions, stickers, templates, images) per second per account. Default 100, in steps of 10.</summary>
    public int TextMessagesPerSecond { get; set; } = Rules.MessageRules.TextCallsPerSecond;

    /// <summary>Audio and video calls per second per account. Default 10, in steps of 10.</summary>
    public int AudioVideoMessagesPerSecond { get; set; } = Rules.MessageRules.AudioVideoCallsPerSecond;

    /// <summary>
    /// The name of the account's rate budget. By default the page id and a digest of the token; set it when
    /// several tokens send for one Instagram account.
    /// </summary>
    public string? AccountKey { get; set; }

    /// <summary>
    /// The largest answer the client reads, in bytes (default 1 MiB; Graph API answers are a few hundred bytes).
    /// A longer answer, from a wrong <see cref="BaseAddress"/>, a proxy or a captive portal, is not read: the call
    /// fails with <see cref="InstagramOutcomeUnknownException"/> (the request was sent, so it may have taken effect).
    /// </summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (FindProblem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    /// <summary>What makes these settings unusable, naming the setting, or null when they can work. Never shows a setting's value.</summary>
    public string? FindProblem()
    {
        if (string.IsNullOrWhiteSpace(AccessToken))
        {
            return "InstagramMessengerOptions.AccessToken is not set: give the Page access token the messages are sent with.";
        }

        if (!IsVisibleAscii(AccessToken))
        {
            return "InstagramMessengerOptions.AccessToken contains whitespace, a control character or a non-ASCII character (a trailing newline from a file or a secret store?); a token is printable ASCII only.";
        }

        if (!string.IsNullOrEmpty(AppSecret) && !IsVisibleAscii(AppSecret))
        {
            return "InstagramMessengerOptions.AppSecret contains whitespace, a control character or a non-ASCII character (a trailing newline from a file or a secret store?); an app secret is printable ASCII only.";
        }

        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            return "InstagramMessengerOptions.BaseAddress must be an absolute http or https URI such as https://graph.facebook.com/.";
        }

        if (BaseAddress.Scheme == Uri.UriSchemeHttp && !BaseAddress.IsLoopback)
        {
            return "InstagramMessengerOptions.BaseAddress must use https: the token would travel in clear text. http is allowed only for a loopback host (127.0.0.1, ::1, localhost), such as the emulator.";
        }

        if (BaseAddress.UserInfo.Length > 0 || BaseAddress.Query.Length > 0 || BaseAddress.Fragment.Length > 0)
        {
            return "InstagramMessengerOptions.BaseAddress must not carry user information, a query or a fragment: only scheme, host, port and path.";
        }

        if (!BaseAddress.AbsolutePath.EndsWith('/'))
        {
            return "InstagramMessengerOptions.BaseAddress must end with '/', such as https://graph.facebook.com/.";
        }

        if (!IsApiVersion(ApiVersion))
        {
            return "InstagramMessengerOptions.ApiVersion must be a version segment such as 'v25.0' (v, digits, a dot, digits).";
        }

        if (!IsPageId(PageId))
        {
            return "InstagramMessengerOptions.PageId must be 'me' or a numeric Page (or Instagram account) id.";
        }

        if (MaxRetries is < 0 or > 10)
        {
            return "InstagramMessengerOptions.MaxRetries must be between 0 and 10.";
        }

        if (RetryBaseDelay < TimeSpan.Zero)
        {
            return "InstagramMessengerOptions.RetryBaseDelay cannot be negative.";
        }

        if (TextMessagesPerSecond < 10 || AudioVideoMessagesPerSecond < 10)
        {
            return "InstagramMessengerOptions.TextMessagesPerSecond and AudioVideoMessagesPerSecond must be at least 10.";
        }

        if (MaxResponseBytes < 4096)
        {
            return "InstagramMessengerOptions.MaxResponseBytes must be at least 4096.";
        }

        return null;
    }

    /// <summary>The settings, with the token and the secret redacted.</summary>
    public override string ToString()
        => $"InstagramMessengerOptions {{ BaseAddress = {(BaseAddress is { IsAbsoluteUri: true, UserInfo.Length: > 0 } ? "(hidden: it carries user information)" : BaseAddress)}, ApiVersion = {ApiVersion}, PageId = {PageId}, AccessToken = {Redact(AccessToken)}, AppSecret = {Redact(AppSecret)} }}";

    private static string Redact(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "***";

    // Tokens and secrets are printable ASCII: anything else breaks the header or the HMAC, silently or untyped.
    private static bool IsVisibleAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    // v25.0: the shape Meta's versions take; anything else could reshape the request URL.
    private static bool IsApiVersion(string? value)
    {
        if (value is not { Length: >= 4 } || value[0] != 'v')
        {
            return false;
        }

        var dot = value.IndexOf('.');
        return dot > 1 && dot < value.Length - 1 && AllDigits(value.AsSpan(1, dot - 1)) && AllDigits(value.AsSpan(dot + 1));
    }

    private static bool IsPageId(string? value) => value == "me" || (value is { Length: > 0 and <= 32 } && AllDigits(value));

    private static bool AllDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return value.Length > 0;
    }
}
