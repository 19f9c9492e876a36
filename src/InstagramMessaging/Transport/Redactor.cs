using System;

namespace InstagramMessaging.Transport;

// Step: redaction. Meta's texts do not echo the token, but nothing that leaves this client may carry it.
internal sealed class Redactor
{
    private readonly string? _token;

    public Redactor(string? token) => _token = string.IsNullOrEmpty(token) ? null : token;

    public string? Redact(string? text)
        => text is null || _token is null ? text : text.Replace(_token, "***", StringComparison.Ordinal);
}
