using System;
using System.Buffers;
using System.Diagnostics;
using System.Collections.Concurrent;
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
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

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
    private static readonly ConcurrentDictionary<(int, int), InstagramRateLimiter> s_sharedLimiters = new();

    private readonly Uri _pageUri;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly IInstagramRateLimiter _limiter;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly string _account;
    private readonly ConcurrentDictionary<string, Uri> _addresses = new(StringComparer.Ordinal);

    /// <summary>Creates a client over <paramref name="httpClient"/>, which may come from <c>IHttpClientFactory</c>.</summary>
    /// <param name="httpClient">The client requests go through; its own <c>BaseAddress</c> is not used.</param>
    /// <param name="options">Token, host, version, page, retries and rates; validated here.</param>
    /// <param name="timeProvider">The clock for <c>appsecret_time</c>, retry delays and pacing; the system clock by default.</param>
    /// <param name="rateLimiter">Paces sends per account; by default one shared by every messenger in the process with the same rates.</param>
    /// <param name="logger">Where the client logs; nothing it logs holds the token.</param>
    /// <exception cref="InvalidOperationException">An option cannot work; the message names it.</exception>
    public InstagramMessenger(HttpClient httpClient, InstagramMessengerOptions options, TimeProvider? timeProvider = null, IInstagramRateLimiter? rateLimiter = null, ILogger<InstagramMessenger>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _pageUri = new Uri(options.BaseAddress, $"{options.ApiVersion}/{Uri.EscapeDataString(options.PageId)}/");
        _authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _limiter = rateLimiter ?? (timeProvider is null
            ? s_sharedLimiters.GetOrAdd((options.TextMessagesPerSecond, options.AudioVideoMessagesPerSecond), r => new InstagramRateLimiter(r.Item1, r.Item2))
            : new InstagramRateLimiter(options.TextMessagesPerSecond, options.AudioVideoMessagesPerSecond, timeProvider));

        // The account a rate budget belongs to: the page and a digest of the token, never the token itself.
        _account = options.AccountKey ?? $"{options.PageId}#{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(options.AccessToken!)), 0, 6)}";
        _retry = BuildRetryPipeline(options, _time, _logger);
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

        using var body = new PooledBufferWriter();
        message.WriteTo(body, recipient, options);
        var trafficClass = message is IAudioVideoMessage ? TrafficClass.AudioVideo : TrafficClass.Text;
        try
        {
            return ToSendResult(await PostJsonAsync("messages", body.WrittenMemory, cancellationToken, trafficClass).ConfigureAwait(false));
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
        var body = new ArrayBufferWriter<byte>(256);
        var json = new MessageJsonWriter(body);
        MessageJson.WriteEnvelopeStart(ref json, recipient, null);
        json.WriteRaw("\"sender_action\":\"react\",\"payload\":{\"message_id\":"u8);
        json.WriteString(messageId);
        json.WriteRaw(",\"reaction\":"u8);
        json.WriteString(reaction);
        json.WriteRaw("}}"u8);
        json.Flush();
        return ToSendResult(await PostJsonAsync("messages", body.WrittenMemory, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Removes the business's reaction from a message (<c>sender_action:"unreact"</c>).</summary>
    public async Task<SendResult> UnreactAsync(Recipient recipient, string messageId, CancellationToken cancellationToken = default)
    {
        RequireRecipient(recipient);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var body = new ArrayBufferWriter<byte>(256);
        var json = new MessageJsonWriter(body);
        MessageJson.WriteEnvelopeStart(ref json, recipient, null);
        json.WriteRaw("\"sender_action\":\"unreact\",\"payload\":{\"message_id\":"u8);
        json.WriteString(messageId);
        json.WriteRaw("}}"u8);
        json.Flush();
        return ToSendResult(await PostJsonAsync("messages", body.WrittenMemory, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sends the heart sticker (<c>like_heart</c>), the one sticker Instagram documents for sending.</summary>
    public async Task<SendResult> SendHeartAsync(Recipient recipient, CancellationToken cancellationToken = default)
    {
        RequireRecipient(recipient);
        var body = new ArrayBufferWriter<byte>(256);
        var json = new MessageJsonWriter(body);
        MessageJson.WriteEnvelopeStart(ref json, recipient, null);
        json.WriteRaw("\"message\":{\"attachment\":{\"type\":\"like_heart\"}}}"u8);
        json.Flush();
        return ToSendResult(await PostJsonAsync("messages", body.WrittenMemory, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sends a typing indicator or marks the conversation seen; a request of its own, never with a message.</summary>
    public async Task<SendResult> SendSenderActionAsync(Recipient recipient, SenderAction action, CancellationToken cancellationToken = default)
    {
        RequireRecipient(recipient);
        var body = new ArrayBufferWriter<byte>(256);
        var json = new MessageJsonWriter(body);
        MessageJson.WriteEnvelopeStart(ref json, recipient, null);
        json.WriteRaw(action switch
        {
            SenderAction.TypingOn => "\"sender_action\":\"typing_on\"}"u8,
            SenderAction.TypingOff => "\"sender_action\":\"typing_off\"}"u8,
            SenderAction.MarkSeen => "\"sender_action\":\"mark_seen\"}"u8,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown sender action."),
        });
        json.Flush();
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

        var body = new ArrayBufferWriter<byte>(512);
        var json = new MessageJsonWriter(body);
        json.WriteRaw("{\"platform\":\"instagram\",\"message\":{\"attachment\":"u8);
        MessageJson.WriteAttachment(ref json, kind, MediaSource.FromUrl(url), isReusable: true);
        json.WriteRaw("}}"u8);
        json.Flush();
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
        HttpContent Form()
        {
            var file = new ByteArrayContent(data);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/octet-stream");
            return new MultipartFormDataContent
            {
                { new StringContent("instagram"), "platform" },
                { new StringContent(message, Encoding.UTF8, "application/json"), "message" },
                { file, "filedata", fileName },
            };
        }

        var trafficClass = MediaKinds.For(kind).CountsAsAudioVideo ? TrafficClass.AudioVideo : TrafficClass.Text;
        return ToAttachmentId(await SendAsync(HttpMethod.Post, "message_attachments", Form, trafficClass, cancellationToken).ConfigureAwait(false));
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
        => ProfileJson.ReadIceBreakers(await SendAsync(HttpMethod.Get, "messenger_profile?fields=ice_breakers&platform=instagram", static () => null, TrafficClass.Text, cancellationToken).ConfigureAwait(false));

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
        => ProfileJson.ReadPersistentMenu(await SendAsync(HttpMethod.Get, "messenger_profile?fields=persistent_menu&platform=instagram", static () => null, TrafficClass.Text, cancellationToken).ConfigureAwait(false));

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
            var body = new ArrayBufferWriter<byte>(512);
            var json = new MessageJsonWriter(body);
            MessageJson.WriteEnvelopeStart(ref json, recipient, options);
            json.WriteRaw("\"message\":{\"attachment\":"u8);
            MessageJson.WriteAttachment(ref json, MediaKind.Image, image);
            json.WriteRaw("}"u8);
            if (replyTo is not null && results.Count == 0)
            {
                json.WriteRaw(",\"reply_to\":{\"mid\":"u8);
                json.WriteString(replyTo);
                json.WriteRaw("}"u8);
            }

            json.WriteRaw("}"u8);
            json.Flush();
            results.Add(ToSendResult(await PostJsonAsync("messages", body.WrittenMemory, cancellationToken).ConfigureAwait(false)));
        }

        return results[0] with { Parts = results };
    }

    private Task DeleteProfileFieldAsync(string field, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"fields\":[\"{field}\"]}}");
        return SendAsync(HttpMethod.Delete, "messenger_profile?platform=instagram", () => Json(body), TrafficClass.Text, cancellationToken);
    }

    private Task<GraphResponse> PostJsonAsync(string relative, ReadOnlyMemory<byte> body, CancellationToken cancellationToken, TrafficClass trafficClass = TrafficClass.Text)
        => SendAsync(new Call(this, HttpMethod.Post, relative, null, body, trafficClass, cancellationToken));

    private static HttpContent Json(ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = s_json;
        return content;
    }

    // One logical call: paced per account, retried only where a retry cannot deliver a message twice, traced,
    // counted and logged. `content` makes a fresh body for each attempt.
    private Task<GraphResponse> SendAsync(HttpMethod method, string relative, Func<HttpContent?> content, TrafficClass trafficClass, CancellationToken cancellationToken)
        => SendAsync(new Call(this, method, relative, content, default, trafficClass, cancellationToken));

    private async Task<GraphResponse> SendAsync(Call call)
    {
        var method = call.Method;
        var cancellationToken = call.CancellationToken;
        var started = _time.GetTimestamp();
        using var activity = InstagramTelemetry.Source.StartActivity(call.ActivityName, ActivityKind.Client);
        activity?.SetTag("http.request.method", method.Method);
        Log.Sending(_logger, call.Operation, _pageUri.AbsolutePath);
        try
        {
            GraphResponse response;
            try
            {
                response = await _retry.ExecuteAsync(static (call, token) => call.Messenger.AttemptAsync(call, token), call, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (IsNotSent(ex))
            {
                // Retries ran out without ever reaching Meta: nothing was sent.
                throw new InstagramTransientException("No connection could be made to the Graph API; nothing was sent.", 0, null, isTransient: true, null, null, 0, innerException: ex);
            }

            InstagramTelemetry.Sent.Add(1, new KeyValuePair<string, object?>("operation", call.Operation));
            Log.Sent(_logger, call.Operation, _time.GetElapsedTime(started).TotalMilliseconds, response.MessageId);
            return response;
        }
        catch (InstagramRateLimitedException ex)
        {
            _limiter.OnThrottled(_account, ex.RetryAfter);
            InstagramTelemetry.Throttled.Add(1, new KeyValuePair<string, object?>("code", ex.Code));
            Log.Throttled(_logger, call.Operation, GraphErrors.Describe(ex.Code, ex.Subcode), (ex.RetryAfter ?? TimeSpan.Zero).TotalSeconds);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        catch (InstagramApiException ex)
        {
            InstagramTelemetry.Failed.Add(1, new KeyValuePair<string, object?>("code", ex.Code), new KeyValuePair<string, object?>("error.type", ex.GetType().Name));
            if (ex is InstagramOutcomeUnknownException)
            {
                Log.OutcomeUnknown(_logger, call.Operation);
            }
            else
            {
                Log.Failed(_logger, call.Operation, ex.GetType().Name, GraphErrors.Describe(ex.Code, ex.Subcode), ex.HttpStatusCode, ex.FbTraceId);
            }

            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            InstagramTelemetry.Duration.Record(_time.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("operation", call.Operation));
        }
    }

    private ValueTask<GraphResponse> AttemptAsync(Call call, CancellationToken token)
    {
        var acquire = _limiter.AcquireAsync(_account, call.TrafficClass, token);
        return acquire.IsCompletedSuccessfully
            ? SendOnceAsync(call.Method, Address(call.Relative), call.CreateContent(), call.CancellationToken, token)
            : AcquireThenSendAsync(acquire, call, token);
    }

    private async ValueTask<GraphResponse> AcquireThenSendAsync(ValueTask acquire, Call call, CancellationToken token)
    {
        await acquire.ConfigureAwait(false);
        return await SendOnceAsync(call.Method, Address(call.Relative), call.CreateContent(), call.CancellationToken, token).ConfigureAwait(false);
    }

    // The arguments of one logical call, passed through the retry pipeline without a closure.
    private sealed class Call(InstagramMessenger messenger, HttpMethod method, string relative, Func<HttpContent?>? content, ReadOnlyMemory<byte> json, TrafficClass trafficClass, CancellationToken cancellationToken)
    {
        private static readonly ConcurrentDictionary<string, (string Operation, string Activity)> s_names = new(StringComparer.Ordinal);
        private readonly (string Operation, string Activity) _names = s_names.GetOrAdd(relative, static r =>
        {
            var operation = r.Split('?', 2)[0];
            return (operation, "instagram " + operation);
        });

        public InstagramMessenger Messenger => messenger;

        public HttpMethod Method => method;

        public string Relative => relative;

        // A fresh body for each attempt: a JSON body over the same bytes, or what the content factory makes.
        public HttpContent? CreateContent() => content is null ? Json(json) : content();

        public TrafficClass TrafficClass => trafficClass;

        public CancellationToken CancellationToken => cancellationToken;

        public string Operation => _names.Operation;

        public string ActivityName => _names.Activity;
    }

    private async ValueTask<GraphResponse> SendOnceAsync(HttpMethod method, Uri uri, HttpContent? content, CancellationToken callerToken, CancellationToken token)
    {
        var body = content is null ? null : new WriteTrackingContent(content);
        using var request = new HttpRequestMessage(method, uri) { Content = body };
        request.Headers.Authorization = _authorization;
        var started = Environment.TickCount64;
        HttpResponseMessage response;
        try
        {
            // Headers only: the body is read below, bounded in size and time.
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (!IsNotSent(ex))
        {
            // The request may have reached Meta: retrying could deliver it twice.
            throw new InstagramOutcomeUnknownException("The connection failed after the request was sent; the message may have been delivered.", 0, null, 0, innerException: ex);
        }
        catch (OperationCanceledException ex) when (!callerToken.IsCancellationRequested)
        {
            throw new InstagramOutcomeUnknownException("The call timed out after the request was sent; the message may have been delivered.", 0, null, 0, innerException: ex);
        }
        catch (OperationCanceledException ex) when (body is { Started: true })
        {
            // The caller gave up, but only after the request was on its way: it may still be delivered.
            throw new InstagramOutcomeUnknownException("The call was cancelled after the request was sent; the message may have been delivered.", 0, null, 0, innerException: ex);
        }

        using (response)
        {
            var bytes = await ReadAnswerAsync(response, started, token).ConfigureAwait(false);
            Log.Answered(_logger, method.Method, uri.AbsolutePath, (int)response.StatusCode, Environment.TickCount64 - started);
            var usage = response.Headers.TryGetValues("X-Business-Use-Case-Usage", out var values) ? string.Join(",", values) : null;
            return ReadResponse(response.StatusCode, bytes, usage);
        }
    }

    // Reads the answer, at most MaxResponseBytes and within what is left of HttpClient.Timeout (which, with
    // ResponseHeadersRead, no longer covers the body). The request was sent, so whatever goes wrong here leaves
    // the outcome unknown.
    private async ValueTask<byte[]> ReadAnswerAsync(HttpResponseMessage response, long started, CancellationToken token)
    {
        var max = _options.MaxResponseBytes;
        var status = response.StatusCode;
        if (response.Content.Headers.ContentLength is { } declared && declared > max)
        {
            throw TooLarge(status, max);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
        if (_http.Timeout != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(TimeSpan.FromMilliseconds(Math.Max(1, _http.Timeout.TotalMilliseconds - (Environment.TickCount64 - started))));
        }

        try
        {
            using var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength is { } exact)
            {
                // The usual case: a declared length within the cap, read into a buffer of exactly that size.
                var body = new byte[exact];
                for (var filled = 0; filled < body.Length;)
                {
                    var read = await stream.ReadAsync(body.AsMemory(filled), deadline.Token).ConfigureAwait(false);
                    filled += read > 0 ? read : throw new IOException("The answer ended before its Content-Length.");
                }

                return body;
            }

            // No declared length (a chunked answer): read into pooled buffers, at most one byte past the cap.
            var buffer = ArrayPool<byte>.Shared.Rent(4096);
            try
            {
                var length = 0;
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, max + 1L));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length, (int)Math.Min(buffer.Length - length, max + 1L - length)), deadline.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                    if (length > max)
                    {
                        throw TooLarge(status, max);
                    }
                }

                return buffer.AsSpan(0, length).ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (OperationCanceledException ex)
        {
            var why = token.IsCancellationRequested ? "was cancelled" : "timed out";
            throw new InstagramOutcomeUnknownException($"The call {why} while the answer was read; the message may have been delivered.", 0, null, status, innerException: ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new InstagramOutcomeUnknownException("The connection broke while the answer was read; the message may have been delivered.", 0, null, status, innerException: ex);
        }
    }

    private static InstagramOutcomeUnknownException TooLarge(HttpStatusCode status, int max)
        => new(string.Create(CultureInfo.InvariantCulture, $"The answer is longer than MaxResponseBytes ({max} bytes), so it is not a Graph API answer (a wrong BaseAddress, a proxy or a captive portal?); the request may have taken effect."), 0, null, status);

    // Nothing reached Meta: the connection was never established.
    private static bool IsNotSent(HttpRequestException ex)
        => ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;

    private static ResiliencePipeline BuildRetryPipeline(InstagramMessengerOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                // Only what cannot duplicate a message: Meta said transient (so nothing was sent), or no connection.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is InstagramTransientException
                    || (args.Outcome.Exception is HttpRequestException http && IsNotSent(http))),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    InstagramTelemetry.Retried.Add(1);
                    var reason = args.Outcome.Exception is InstagramApiException api ? "code " + GraphErrors.Describe(api.Code, api.Subcode) : "no connection";
                    Log.Retrying(logger, "call", reason, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        return builder.Build();
    }

    private Uri Address(string relative)
    {
        var uri = _addresses.GetOrAdd(relative, static (r, page) => new Uri(page, r), _pageUri);
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

    private GraphResponse ReadResponse(HttpStatusCode status, byte[] body, string? businessUseCaseUsage)
    {
        if ((int)status is >= 200 and < 300 && GraphResponse.TryReadSendResult(body) is { } success)
        {
            return success;
        }

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
            throw GraphErrors.Create(error, message, status, businessUseCaseUsage, Redact);
        }

        if ((int)status is >= 200 and < 300 && parsed is not null)
        {
            return parsed;
        }

        // Meta's own answers carry its envelope. A success without Graph JSON, or a 5xx without the envelope (a
        // gateway that lost the backend's answer), came after the request went through: it may have taken effect.
        if ((int)status is (>= 200 and < 300) or >= 500)
        {
            var what = (int)status < 300 ? "an answer that is not Graph API JSON" : "no Graph API error envelope (from a gateway or proxy?)";
            throw new InstagramOutcomeUnknownException($"The Graph API answered HTTP {(int)status} with {what}; the message may have been delivered.", 0, null, status, innerException: parseError);
        }

        throw new InstagramApiException($"The Graph API answered HTTP {(int)status} with no Graph API error envelope.", 0, null, false, null, null, status, innerException: parseError);
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
