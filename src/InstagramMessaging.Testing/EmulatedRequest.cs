using System;
using System.Text;

namespace InstagramMessaging.Testing;

/// <summary>One HTTP request the emulator received, as it arrived.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string, such as <c>/v25.0/me/messages</c>.</param>
/// <param name="Authorization">The <c>Authorization</c> header value, or null.</param>
/// <param name="ContentType">The <c>Content-Type</c> header value (with parameters such as the multipart boundary), or null.</param>
/// <param name="Content">The body's bytes.</param>
public sealed record EmulatedRequest(string Method, string PathAndQuery, string? Authorization, string? ContentType, byte[] Content)
{
    /// <summary>Creates a request with a UTF-8 text body.</summary>
    public EmulatedRequest(string method, string pathAndQuery, string? authorization, string? contentType, string body)
        : this(method, pathAndQuery, authorization, contentType, Encoding.UTF8.GetBytes(body))
    {
    }

    /// <summary>The body, decoded as UTF-8.</summary>
    public string Body => Encoding.UTF8.GetString(Content);

    /// <summary>The media type of the body, without parameters (<c>application/json</c>), or null.</summary>
    public string? MediaType => ContentType?.Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>When the emulator received it.</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// Where the request carried its access token (several flags when it sent more than one). The emulator sets it
    /// on the requests it records in <see cref="GraphApiEmulator.Requests"/>.
    /// </summary>
    public EmulatedTokenLocation TokenLocation { get; init; }

    /// <summary>
    /// Whether the token travelled in the URL (<c>?access_token=</c>). Meta accepts it, but URLs end up in proxy
    /// and server logs; send it in <c>Authorization: Bearer</c> instead.
    /// </summary>
    public bool TokenInUrl => (TokenLocation & EmulatedTokenLocation.Query) != 0;

    /// <summary>How the body was encoded: JSON, a URL-encoded form, multipart, or none.</summary>
    public EmulatedBodyFormat BodyFormat => FormRequestReader.BodyFormat(this);

    /// <summary>
    /// The method, path, media type and body size, for test output. It never prints the bearer token or the
    /// query string (which carries <c>appsecret_proof</c>): read <see cref="Authorization"/> and
    /// <see cref="PathAndQuery"/> for those.
    /// </summary>
    public override string ToString()
    {
        var query = PathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? PathAndQuery : PathAndQuery.Substring(0, query) + "?(query hidden)";
        var authorization = Authorization is null ? "none" : Authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "Bearer ***" : "***";
        return $"EmulatedRequest {{ {Method} {path}, Authorization = {authorization}, ContentType = {MediaType ?? "none"}, {Content.Length} bytes }}";
    }
}

/// <summary>What the emulator answers: an HTTP status and a JSON body, or a dropped connection.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The JSON body.</param>
public sealed record EmulatedResponse(int StatusCode, string Body)
{
    /// <summary>
    /// When not <see cref="EmulatedFault.None"/>, the fault the transport plays: it drops the connection for the
    /// two drop faults, and sends the answer as an HTML page for <see cref="EmulatedFault.GatewayErrorAfterProcessing"/>.
    /// </summary>
    public EmulatedFault Drop { get; init; }
}
