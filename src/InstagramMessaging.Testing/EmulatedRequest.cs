using System;

namespace InstagramMessaging.Testing;

/// <summary>One HTTP request the emulator received, as it arrived.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string, such as <c>/v25.0/me/messages</c>.</param>
/// <param name="Authorization">The <c>Authorization</c> header value, or null.</param>
/// <param name="ContentType">The body's media type, or null.</param>
/// <param name="Body">The body, decoded as UTF-8.</param>
public sealed record EmulatedRequest(string Method, string PathAndQuery, string? Authorization, string? ContentType, string Body)
{
    /// <summary>When the emulator received it.</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>What the emulator answers: an HTTP status and a JSON body.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The JSON body.</param>
public sealed record EmulatedResponse(int StatusCode, string Body);
