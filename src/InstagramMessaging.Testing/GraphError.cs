namespace InstagramMessaging.Testing;

/// <summary>An error the emulator answers with, shaped like Meta's envelope.</summary>
/// <param name="HttpStatus">The HTTP status Meta uses for it.</param>
/// <param name="Code">Meta's <c>code</c>.</param>
/// <param name="Subcode">Meta's <c>error_subcode</c>, if any.</param>
/// <param name="Message">Meta's developer message, such as <c>(#100) ...</c>.</param>
/// <param name="Type">Meta's <c>type</c>.</param>
/// <param name="IsTransient">Meta's <c>is_transient</c>.</param>
public sealed record GraphError(int HttpStatus, int Code, int? Subcode, string Message, string Type = "OAuthException", bool IsTransient = false)
{
    /// <summary>Code 100: a parameter is missing or invalid.</summary>
    public static GraphError InvalidParameter(string message, int? subcode = null) => new(400, 100, subcode, "(#100) " + message);

    /// <summary>Code 2, subcode 2534068: the multi-image beta gate, exactly as Meta's send page shows it.</summary>
    public static GraphError MultiImageUnavailable()
        => new(400, 2, 2534068, "The requested feature isn't available yet. Please check back later.", "IGApiException", IsTransient: true);
}
