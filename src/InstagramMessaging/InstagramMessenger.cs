using System;
using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Client;

namespace InstagramMessaging;

/// <summary>
/// Sends Instagram messages through the Graph API: <c>POST {BaseAddress}{ApiVersion}/{PageId}/messages</c>
/// with the token in <c>Authorization: Bearer</c>. Thread-safe; share one instance per account.
/// </summary>
public sealed class InstagramMessenger
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly InstagramMessengerOptions _options;
    private readonly TimeProvider _time;
    private readonly Uri _messagesUri;
    private readonly AuthenticationHeaderValue _authorization;

    /// <summary>Creates a client over <paramref name="httpClient"/>, which may come from <c>IHttpClientFactory</c>.</summary>
    /// <param name="httpClient">The client requests go through; its own <c>BaseAddress</c> is not used.</param>
    /// <param name="options">Token, host, version and page; validated here.</param>
    /// <param name="timeProvider">The clock for <c>appsecret_time</c>; the system clock by default.</param>
    /// <exception cref="InvalidOperationException">An option cannot work; the message names it.</exception>
    public InstagramMessenger(HttpClient httpClient, InstagramMessengerOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _messagesUri = new Uri(options.BaseAddress, $"{options.ApiVersion}/{Uri.EscapeDataString(options.PageId)}/messages");
        _authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
    }

    /// <summary>
    /// Validates <paramref name="message"/> and sends it. Nothing is sent when a rule is broken.
    /// </summary>
    /// <exception cref="InstagramMessageValidationException">The message breaks a platform rule; no request was made.</exception>
    /// <exception cref="InstagramApiException">The Graph API answered with an error.</exception>
    public async Task<SendResult> SendAsync(Recipient recipient, IInstagramMessage message, SendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!recipient.IsSet)
        {
            throw new ArgumentException("The recipient is not set; create it with Recipient.Id(igsid) or Recipient.Comment(commentId).", nameof(recipient));
        }

        var violations = message.Validate();
        if (violations.Count > 0)
        {
            throw new InstagramMessageValidationException(violations);
        }

        var body = new ArrayBufferWriter<byte>(256);
        message.WriteTo(body, recipient, options);
        return await PostAsync(body.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SendResult> PostAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RequestUri());
        request.Headers.Authorization = _authorization;
        request.Content = new ReadOnlyMemoryContent(body);
        request.Content.Headers.ContentType = s_json;

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ReadSendResult(response.StatusCode, bytes);
    }

    private Uri RequestUri()
    {
        if (string.IsNullOrEmpty(_options.AppSecret))
        {
            return _messagesUri;
        }

        // The proof is an HMAC of the token, safe in a URL; the token itself never is.
        var token = Encoding.UTF8.GetBytes(_options.AccessToken!);
        var key = Encoding.UTF8.GetBytes(_options.AppSecret);
        if (_options.AppSecretProof == AppSecretProofStyle.Classic)
        {
            return new Uri($"{_messagesUri}?appsecret_proof={ComputeProof(key, token)}");
        }

        var time = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var message = Encoding.UTF8.GetBytes($"{_options.AccessToken}|{time}");
        return new Uri($"{_messagesUri}?appsecret_proof={ComputeProof(key, message)}&appsecret_time={time}");
    }

    internal static string ComputeProof(byte[] appSecret, byte[] message)
        => Convert.ToHexString(HMACSHA256.HashData(appSecret, message)).ToLowerInvariant();

    private SendResult ReadSendResult(HttpStatusCode status, byte[] body)
    {
        GraphResponse? parsed = null;
        JsonException? parseError = null;
        try
        {
            parsed = JsonSerializer.Deserialize(body, GraphJsonContext.Default.GraphResponse);
        }
        catch (JsonException ex)
        {
            parseError = ex;
        }

        // Meta sends its error envelope with 400, 403, 5xx and, now and then, 200: the body decides.
        if (parsed?.Error is { } error)
        {
            throw new InstagramApiException(
                Redact(error.Message) ?? "The Graph API returned an error without a message.",
                error.Code,
                error.Subcode,
                error.IsTransient,
                error.Type,
                error.FbTraceId,
                status,
                Redact(error.UserTitle),
                Redact(error.UserMessage));
        }

        if ((int)status is >= 200 and < 300 && parsed?.RecipientId is { } recipientId)
        {
            return new SendResult(recipientId, parsed.MessageId, parsed.AttachmentId is { Length: > 0 } id ? new AttachmentId(id) : null);
        }

        var what = (int)status is >= 200 and < 300
            ? "an answer that is not a send result; the message may have been sent"
            : "no Graph API error envelope";
        return ThrowUnreadable(status, what, parseError);
    }

    private static SendResult ThrowUnreadable(HttpStatusCode status, string what, Exception? inner)
        => throw new InstagramApiException($"The Graph API answered HTTP {(int)status} with {what}.", 0, null, false, null, null, status, innerException: inner);

    // Meta's texts do not echo the token, but nothing that leaves this client may carry it.
    private string? Redact(string? text)
        => text is null || string.IsNullOrEmpty(_options.AccessToken) ? text : text.Replace(_options.AccessToken, "***", StringComparison.Ordinal);
}
