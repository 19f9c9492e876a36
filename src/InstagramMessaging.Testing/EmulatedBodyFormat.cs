namespace InstagramMessaging.Testing;

/// <summary>How a request's body was encoded.</summary>
public enum EmulatedBodyFormat
{
    /// <summary>No body and no <c>Content-Type</c>.</summary>
    None = 0,

    /// <summary><c>application/json</c>.</summary>
    Json = 1,

    /// <summary><c>application/x-www-form-urlencoded</c>, as <c>curl --data</c> sends; structured fields are JSON text.</summary>
    Form = 2,

    /// <summary><c>multipart/form-data</c>, as file uploads are sent.</summary>
    Multipart = 3,

    /// <summary>Any other media type; the emulator refuses it, as Meta does.</summary>
    Other = 4,
}
