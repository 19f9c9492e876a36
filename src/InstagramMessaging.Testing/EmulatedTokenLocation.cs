using System;

namespace InstagramMessaging.Testing;

/// <summary>
/// Where a request carried its access token. Meta accepts all three; a token in the URL works but ends up in
/// proxy and server logs, so prefer the header.
/// </summary>
[Flags]
public enum EmulatedTokenLocation
{
    /// <summary>No token was sent.</summary>
    None = 0,

    /// <summary>In <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    Header = 1,

    /// <summary>As the <c>access_token</c> query parameter, in the URL.</summary>
    Query = 2,

    /// <summary>As the <c>access_token</c> field of a form body (URL-encoded or multipart).</summary>
    Form = 4,
}
