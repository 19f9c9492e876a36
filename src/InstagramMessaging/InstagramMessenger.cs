using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Client;
using InstagramMessaging.Rules;
using InstagramMessaging.Serialization;

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
    private readonly Uri _pageUri;
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
        _pageUri = new Uri(options.BaseAddress, $"{options.ApiVersion}/{Uri.EscapeDataString(options.PageId)}/");
        _authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
    }

    /// <summary>
    /// Validates <paramref name="message"/> and sends it. Nothing is sent when a rule is broken.
    /// </summary>
    /// <exception cref="InstagramMessageValidationException">The message breaks a platform rule; no request was made.</exception>
    /// <exception cref="InstagramFeatureUnavailableException">Several images, on an account without multi-image sending, and the fallback is off.</exception>
    /// <exception cref="InstagramApiException">The Graph API answered with an error.</exception>
    public async Task<SendResult> SendAsync(Recipient recipient, IInstagramMessage message, SendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        RequireRecipient(recipient);
        var violations = message.Validate();
        if (violations.Count > 0)
        {
            throw new InstagramMessageValidationException(violations);
        }

        var body = new ArrayBufferWriter<byte>(256);
        message.WriteTo(body, recipient, options);
        try
        {
            return ToSendResult(await PostJsonAsync("messages", body.WrittenMemory, cancellationToken).ConfigureAwait(false));
        }
        catch (InstagramFeatureUnavailableException) when (_options.SendImagesSeparatelyWhenMultiImageUnavailable
            && message is IMultiImageMessage images && images.GetImages().Count > 1)
        {
            return await SendImagesSeparatelyAsync(recipient, images, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reacts to a message (<c>sender_action:"react"</c>); sending again with another reaction changes it.</summary>
    /// <param name="recipient">The conversation.</param>
    /// <param name="messageId">The message to react to.</param>
    /// <param name="reaction"><c>love</c> (the value Meta documents for this API); Instagram Login accounts also take an emoji.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<SendResult> ReactAsync(Recipient recipient, string messageId, string reaction = "love", CancellationToken cancellationToken = default)
    {
        RequireRecipient(recipient);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reaction);
        var body = new ArrayBufferWriter<byte>(128);
        MessageJson.WriteEnvelopeStart(body, recipient, null);
        MessageJson.WriteRaw(body, "\"sender_action\":\"react\",\"payload\":{\"message_id\":"u8);
        MessageJson.WriteString(body, messageId);
        MessageJson.WriteRaw(body, ",\"reaction\":"u8);
        MessageJson.WriteString(body, reaction);
        MessageJson.WriteRaw(body, "}}"u8);
        return ToSendResult(await PostJsonAsync("messages", body.WrittenMemory, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Removes the business's reaction from a message (<c>sender_action:"unreact"</c>).</summary>
    public async Task<SendResult> UnreactAsync(Recipient recipient, string messageId, CancellationToken cancellationToken = default)
    {
        RequireRecipient(recipient);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var body = new ArrayBufferWriter<byte>(128);
        MessageJson.WriteEnvelopeStart(body, recipient, null);
        MessageJson.WriteRaw(body, "\"sender_action\":\"unreact\",\"payload\":{\"message_id\":"u8);
        MessageJson.WriteString(body, messageId);
        MessageJson.WriteRaw(body, "}}"u8);
        return ToSendResult(await PostJsonAsync("messages", body.WrittenMemory, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sends the heart sticker (<c>like_heart</c>), the one sticker Instagram documents for sending.</summary>
    public async Task<SendResult> SendHeartAsync(Recipient recipient, CancellationToken cancellationToken = default)
    {
        RequireRecipient(recipient);
        var body = new ArrayBufferWriter<byte>(96);
        MessageJson.WriteEnvelopeStart(body, recipient, null);
        MessageJson.WriteRaw(body, "\"message\":{\"attachment\":{\"type\":\"like_heart\"}}}"u8);
        return ToSendResult(await PostJsonAsync("messages", body.WrittenMemory, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sends a typing indicator or marks the conversation seen; a request of its own, never with a message.</summary>
    public async Task<SendResult> SendSenderActionAsync(Recipient recipient, SenderAction action, CancellationToken cancellationToken = default)
    {
        RequireRecipient(recipient);
        var body = new ArrayBufferWriter<byte>(96);
        MessageJson.WriteEnvelopeStart(body, recipient, null);
        MessageJson.WriteRaw(body, action switch
        {
            SenderAction.TypingOn => "\"sender_action\":\"typing_on\"}"u8,
            SenderAction.TypingOff => "\"sender_action\":\"typing_off\"}"u8,
            SenderAction.MarkSeen => "\"sender_action\":\"mark_seen\"}"u8,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown sender action."),
        });
        return ToSendResult(await PostJsonAsync("messages", body.WrittenMemory, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Uploads media Meta fetches from <paramref name="url"/> (<c>message_attachments</c>, <c>platform=instagram</c>)
    /// and returns a reusable id to send it by.
    /// </summary>
    /// <exception cref="InstagramMessageValidationException">The URL is not absolute http(s) or of a type <paramref name="kind"/> takes; nothing was sent.</exception>
    public async Task<AttachmentId> UploadAttachmentAsync(MediaKind kind, Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        List<MessageRuleViolation>? violations = null;
        ContractValidation.CheckMedia(ref violations, kind, MediaSource.FromUrl(url), nameof(url));
        ThrowIfInvalid(violations);

        var body = new ArrayBufferWriter<byte>(256);
        MessageJson.WriteRaw(body, "{\"platform\":\"instagram\",\"message\":{\"attachment\":"u8);
        MessageJson.WriteAttachment(body, kind, MediaSource.FromUrl(url), isReusable: true);
        MessageJson.WriteRaw(body, "}}"u8);
        return ToAttachmentId(await PostJsonAsync("message_attachments", body.WrittenMemory, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Uploads media from a stream as <c>multipart/form-data</c> (<c>filedata</c>) and returns a reusable id to send it by.
    /// The size (8 MB for images, 25 MB otherwise) and the file name's type are checked before anything is sent.
    /// </summary>
    /// <exception cref="InstagramMessageValidationException">Too large, or a type <paramref name="kind"/> does not take; nothing was sent.</exception>
    public async Task<AttachmentId> UploadAttachmentAsync(MediaKind kind, Stream content, string fileName, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var limit = MessageRules.MaxMediaBytes(kind);
        var data = await ReadAtMostAsync(content, limit + 1, cancellationToken).ConfigureAwait(false);

        List<MessageRuleViolation>? violations = null;
        if (data.Length > limit)
        {
            violations = new() { new(RuleIds.MediaTooLarge, fileName, MessageRules.MediaTooLarge.Format(fileName, content.CanSeek ? content.Length : data.Length, MessageRules.JsonType(kind), limit / (1024 * 1024))) };
        }
        else if (MessageRules.IsMediaTypeRejected(kind, fileName, out var extension))
        {
            violations = new() { new(RuleIds.MediaTypeNotSupported, fileName, MessageRules.MediaTypeNotSupported.Format(fileName, extension, MessageRules.JsonType(kind), string.Join(", ", MessageRules.MediaTypes(kind)))) };
        }

        ThrowIfInvalid(violations);
        var message = $"{{\"attachment\":{{\"type\":\"{MessageRules.JsonType(kind)}\",\"payload\":{{\"is_reusable\":true}}}}}}";
        using var form = new MultipartFormDataContent
        {
            { new StringContent("instagram"), "platform" },
            { new StringContent(message, Encoding.UTF8, "application/json"), "message" },
        };
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/octet-stream");
        form.Add(file, "filedata", fileName);
        return ToAttachmentId(await SendAsync(HttpMethod.Post, Address("message_attachments"), form, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sets the ice breakers (<c>messenger_profile</c>, <c>platform=instagram</c>): at most 4 per locale, and a <c>default</c> locale.</summary>
    /// <exception cref="InstagramMessageValidationException">A rule is broken; nothing was sent.</exception>
    public async Task SetIceBreakersAsync(IReadOnlyList<IceBreakerSet> iceBreakers, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(ProfileValidation.CheckIceBreakers(iceBreakers));
        await PostJsonAsync("messenger_profile?platform=instagram", ProfileJson.IceBreakers(iceBreakers), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the ice breakers currently set.</summary>
    public async Task<IReadOnlyList<IceBreakerSet>> GetIceBreakersAsync(CancellationToken cancellationToken = default)
        => ProfileJson.ReadIceBreakers(await SendAsync(HttpMethod.Get, Address("messenger_profile?fields=ice_breakers&platform=instagram"), null, cancellationToken).ConfigureAwait(false));

    /// <summary>Removes the ice breakers.</summary>
    public Task DeleteIceBreakersAsync(CancellationToken cancellationToken = default) => DeleteProfileFieldAsync("ice_breakers", cancellationToken);

    /// <summary>Sets the persistent menu (<c>web_url</c> and <c>postback</c> items; a <c>default</c> locale is required).</summary>
    /// <exception cref="InstagramMessageValidationException">A rule is broken; nothing was sent.</exception>
    public async Task SetPersistentMenuAsync(IReadOnlyList<PersistentMenu> menus, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(ProfileValidation.CheckPersistentMenu(menus));
        await PostJsonAsync("messenger_profile?platform=instagram", ProfileJson.PersistentMenu(menus), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the persistent menu currently set.</summary>
    public async Task<IReadOnlyList<PersistentMenu>> GetPersistentMenuAsync(CancellationToken cancellationToken = default)
        => ProfileJson.ReadPersistentMenu(await SendAsync(HttpMethod.Get, Address("messenger_profile?fields=persistent_menu&platform=instagram"), null, cancellationToken).ConfigureAwait(false));

    /// <summary>Removes the persistent menu.</summary>
    public Task DeletePersistentMenuAsync(CancellationToken cancellationToken = default) => DeleteProfileFieldAsync("persistent_menu", cancellationToken);

    internal static string ComputeProof(byte[] appSecret, byte[] message)
        => Convert.ToHexString(HMACSHA256.HashData(appSecret, message)).ToLowerInvariant();

    private async Task<SendResult> SendImagesSeparatelyAsync(Recipient recipient, IMultiImageMessage message, SendOptions? options, CancellationToken cancellationToken)
    {
        var results = new List<SendResult>();
        var replyTo = message.ReplyToMessageId;
        foreach (var image in message.GetImages())
        {
            var body = new ArrayBufferWriter<byte>(256);
            MessageJson.WriteEnvelopeStart(body, recipient, options);
            MessageJson.WriteRaw(body, "\"message\":{\"attachment\":"u8);
            MessageJson.WriteAttachment(body, MediaKind.Image, image);
            MessageJson.WriteRaw(body, "}"u8);
            if (replyTo is not null && results.Count == 0)
            {
                MessageJson.WriteRaw(body, ",\"reply_to\":{\"mid\":"u8);
                MessageJson.WriteString(body, replyTo);
                MessageJson.WriteRaw(body, "}"u8);
            }

            MessageJson.WriteRaw(body, "}"u8);
            results.Add(ToSendResult(await PostJsonAsync("messages", body.WrittenMemory, cancellationToken).ConfigureAwait(false)));
        }

        return results[0] with { Parts = results };
    }

    private Task DeleteProfileFieldAsync(string field, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"fields\":[\"{field}\"]}}");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = s_json;
        return SendAsync(HttpMethod.Delete, Address("messenger_profile?platform=instagram"), content, cancellationToken);
    }

    private Task<GraphResponse> PostJsonAsync(string relative, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = s_json;
        return SendAsync(HttpMethod.Post, Address(relative), content, cancellationToken);
    }

    private async Task<GraphResponse> SendAsync(HttpMethod method, Uri uri, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ReadResponse(response.StatusCode, bytes);
    }

    private Uri Address(string relative)
    {
        var uri = new Uri(_pageUri, relative);
        if (string.IsNullOrEmpty(_options.AppSecret))
        {
            return uri;
        }

        // The proof is an HMAC of the token, safe in a URL; the token itself never is.
        var separator = string.IsNullOrEmpty(uri.Query) ? "?" : "&";
        var key = Encoding.UTF8.GetBytes(_options.AppSecret);
        if (_options.AppSecretProof == AppSecretProofStyle.Classic)
        {
            return new Uri($"{uri}{separator}appsecret_proof={ComputeProof(key, Encoding.UTF8.GetBytes(_options.AccessToken!))}");
        }

        var time = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var proof = ComputeProof(key, Encoding.UTF8.GetBytes($"{_options.AccessToken}|{time}"));
        return new Uri($"{uri}{separator}appsecret_proof={proof}&appsecret_time={time}");
    }

    private GraphResponse ReadResponse(HttpStatusCode status, byte[] body)
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
            var message = Redact(error.Message) ?? "The Graph API returned an error without a message.";
            if (error.Code == 2 && error.Subcode == InstagramFeatureUnavailableException.MultiImageSubcode)
            {
                throw new InstagramFeatureUnavailableException(message, error.IsTransient, error.Type, error.FbTraceId, status, Redact(error.UserTitle), Redact(error.UserMessage));
            }

            throw new InstagramApiException(message, error.Code, error.Subcode, error.IsTransient, error.Type, error.FbTraceId, status, Redact(error.UserTitle), Redact(error.UserMessage));
        }

        if ((int)status is >= 200 and < 300 && parsed is not null)
        {
            return parsed;
        }

        var what = (int)status is >= 200 and < 300
            ? "an answer that is not Graph API JSON; the request may have taken effect"
            : "no Graph API error envelope";
        throw new InstagramApiException($"The Graph API answered HTTP {(int)status} with {what}.", 0, null, false, null, null, status, innerException: parseError);
    }

    private static SendResult ToSendResult(GraphResponse response)
        => response.RecipientId is { } recipientId
            ? new SendResult(recipientId, response.MessageId, response.AttachmentId is { Length: > 0 } id ? new AttachmentId(id) : null)
            : throw new InstagramApiException("The Graph API answered without a recipient_id; the message may have been sent.", 0, null, false, null, null, HttpStatusCode.OK);

    private static AttachmentId ToAttachmentId(GraphResponse response)
        => response.AttachmentId is { Length: > 0 } id
            ? new AttachmentId(id)
            : throw new InstagramApiException("The Graph API answered the upload without an attachment_id.", 0, null, false, null, null, HttpStatusCode.OK);

    private static async Task<byte[]> ReadAtMostAsync(Stream content, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < max && (read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, max - buffer.Length)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static void RequireRecipient(Recipient recipient)
    {
        if (!recipient.IsSet)
        {
            throw new ArgumentException("The recipient is not set; create it with Recipient.Id(igsid) or Recipient.Comment(commentId).", nameof(recipient));
        }
    }

    private static void ThrowIfInvalid(List<MessageRuleViolation>? violations)
    {
        if (violations is { Count: > 0 })
        {
            throw new InstagramMessageValidationException(violations);
        }
    }

    // Meta's texts do not echo the token, but nothing that leaves this client may carry it.
    private string? Redact(string? text)
        => text is null || string.IsNullOrEmpty(_options.AccessToken) ? text : text.Replace(_options.AccessToken, "***", StringComparison.Ordinal);
}
