using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

/// <summary>
/// A local stand-in for the Graph API's Instagram send surface (messages, sender actions, reactions, uploads,
/// ice breakers and persistent menu). It takes every request form Meta takes (the token in
/// <c>Authorization: Bearer</c>, the <c>access_token</c> query parameter or form field; JSON, URL-encoded form
/// and multipart bodies), checks the token, validates each body as the platform does, answers with Meta-shaped
/// successes and errors, and keeps every recipient's conversation so tests can assert on what arrived. Use
/// <see cref="CreateHandler"/> in process, or <see cref="GraphApiEmulatorServer"/> over loopback HTTP. Thread-safe.
/// </summary>
public sealed partial class GraphApiEmulator
{
    /// <summary>The token the emulator accepts unless told otherwise.</summary>
    public const string DefaultAccessToken = "emulator-access-token";

    /// <summary>The Page id the emulator answers to, besides <c>me</c>, unless told otherwise.</summary>
    public const string DefaultPageId = "100000000000001";

    private readonly ConcurrentDictionary<string, byte> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<EmulatedMessage>> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<EmulatedRequest> _requests = new();
    private readonly ConcurrentQueue<EmulatedAction> _actions = new();
    private readonly ConcurrentDictionary<string, EmulatedUpload> _uploads = new(StringComparer.Ordinal);
    private readonly ProfileHandler _profile = new();
    private readonly ConcurrentDictionary<string, byte> _closedWindows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private int _throttled;
    private int _maxRecordedRequests = 1000;
    private readonly TimeProvider _time;
    private long _messageCounter;

    /// <summary>Creates an emulator that accepts <see cref="DefaultAccessToken"/>.</summary>
    /// <param name="pageId">The Page id accepted in paths besides <c>me</c>.</param>
    /// <param name="timeProvider">The clock for delivery times; the system clock by default.</param>
    public GraphApiEmulator(string pageId = DefaultPageId, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pageId);
        PageId = pageId;
        _time = timeProvider ?? TimeProvider.System;
        _tokens.TryAdd(DefaultAccessToken, 0);
    }

    /// <summary>The Page id accepted in paths besides <c>me</c>.</summary>
    public string PageId { get; }

    /// <summary>
    /// The requests received, accepted or not, in order of arrival: the latest <see cref="MaxRecordedRequests"/>
    /// (older ones are dropped, so a load test does not keep every body in memory).
    /// </summary>
    public IReadOnlyList<EmulatedRequest> Requests => _requests.ToArray();

    /// <summary>How many requests <see cref="Requests"/> keeps; the oldest are dropped beyond it. Default 1000.</summary>
    public int MaxRecordedRequests
    {
        get => _maxRecordedRequests;
        set => _maxRecordedRequests = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The number of recorded requests cannot be negative.");
    }

    /// <summary>Accepts another access token.</summary>
    public void AddAccessToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _tokens.TryAdd(token, 0);
    }

    /// <summary>Stops accepting a token, as when it expires or is revoked.</summary>
    public void RevokeAccessToken(string token) => _tokens.TryRemove(token, out _);

    /// <summary>The messages delivered to <paramref name="recipientId"/>, oldest first.</summary>
    public IReadOnlyList<EmulatedMessage> Conversation(string recipientId)
    {
        if (!_conversations.TryGetValue(recipientId, out var list))
        {
            return Array.Empty<EmulatedMessage>();
        }

        lock (list)
        {
            return list.ToArray();
        }
    }

    /// <summary>Every delivered message, across recipients.</summary>
    public IReadOnlyList<EmulatedMessage> DeliveredMessages
    {
        get
        {
            var all = new List<EmulatedMessage>();
            foreach (var list in _conversations.Values)
            {
                lock (list)
                {
                    all.AddRange(list);
                }
            }

            return all.OrderBy(m => m.DeliveredAt).ToArray();
        }
    }

    /// <summary>
    /// How often each logical message was delivered: deliveries grouped by recipient and <c>message</c> JSON.
    /// A count above 1 means the same message reached the same person more than once.
    /// </summary>
    public IReadOnlyDictionary<string, int> DeliveryCounts()
        => DeliveredMessages
            .GroupBy(m => m.RecipientId + " " + (m.Body.TryGetProperty("message", out var message) ? message.GetRawText() : m.Body.GetRawText()))
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>An in-process <see cref="HttpMessageHandler"/> that answers every request from this emulator.</summary>
    public HttpMessageHandler CreateHandler() => new EmulatorHttpHandler(this);

    /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/>.</summary>
    public HttpClient CreateHttpClient() => new(CreateHandler());

    /// <summary>
    /// Whether the account may send several images in one message. When false, a message with more than one
    /// image is answered with code 2, subcode 2534068, exactly as Meta's send page shows. Default true (the
    /// feature left beta on 6 May 2026).
    /// </summary>
    public bool MultiImageAvailable { get; set; } = true;

    /// <summary>Failures to inject into <c>messages</c> calls: transient errors, 5xx, delays, dropped connections.</summary>
    public EmulatorFaults Faults { get; } = new();

    /// <summary>
    /// Whether to throttle as the platform does: per account (page and token), at most
    /// <see cref="TextCallsPerSecond"/> text-class and <see cref="AudioVideoCallsPerSecond"/> audio/video calls in any
    /// second of the emulator's clock; more are answered with code 613, subcode 2534040. Off by default.
    /// </summary>
    public bool EnforceRateLimits { get; set; }

    /// <summary>Text, links, reactions, stickers: 100 calls/s per account (Meta's conservative figure).</summary>
    public int TextCallsPerSecond { get; set; } = 100;

    /// <summary>Audio and video: 10 calls/s per account.</summary>
    public int AudioVideoCallsPerSecond { get; set; } = 10;

    /// <summary>How many calls were throttled because of <see cref="EnforceRateLimits"/>.</summary>
    public int ThrottledCalls => _throttled;

    /// <summary>Closes the 24-hour window with a recipient: messages without the HUMAN_AGENT tag get 10/2534022.</summary>
    public void CloseWindow(string recipientId) => _closedWindows[recipientId] = 0;

    /// <summary>Opens the window again, as when the user writes.</summary>
    public void OpenWindow(string recipientId)
    {
        _closedWindows.TryRemove(recipientId, out _);
        _windowOpenedAt[recipientId] = _time.GetUtcNow();
    }

    /// <summary>Every sender action accepted (typing, mark seen, reactions), oldest first.</summary>
    public IReadOnlyList<EmulatedAction> Actions => _actions.ToArray();

    /// <summary>Every upload accepted by <c>message_attachments</c>.</summary>
    public IReadOnlyList<EmulatedUpload> Uploads => _uploads.Values.ToArray();

    /// <summary>Makes an attachment id known, as if it had been uploaded, so messages may send it.</summary>
    public void AddAttachment(string attachmentId, string type = "image")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attachmentId);
        _uploads[attachmentId] = new EmulatedUpload(attachmentId, type, null, null, 0);
    }

    /// <summary>Answers one request as the Graph API would.</summary>
    public async Task<EmulatedResponse> HandleAsync(EmulatedRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var parameters = await FormRequestReader.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var recorded = request with { TokenLocation = parameters.TokenLocation };
        _requests.Enqueue(recorded);
        while (_requests.Count > _maxRecordedRequests && _requests.TryDequeue(out _))
        {
        }

        var answer = await AnswerAsync(request, parameters, cancellationToken).ConfigureAwait(false);
        OnAnswered(recorded, parameters, answer);
        return answer;
    }

    private async Task<EmulatedResponse> AnswerAsync(EmulatedRequest request, RequestParameters parameters, CancellationToken cancellationToken)
    {
        var path = request.PathAndQuery.Split('?', 2)[0];
        var match = Route().Match(path);
        if (!match.Success || (match.Groups["page"].Value != "me" && match.Groups["page"].Value != PageId))
        {
            return Error(new GraphError(400, 100, 33, $"(#100) Unsupported request: '{path}' is not a route of this emulator."));
        }

        if (Authenticate(parameters) is { } authError)
        {
            return Error(authError);
        }

        var edge = match.Groups["edge"].Value;
        if (edge == "messages")
        {
            return await SendWithFaultsAsync(request, parameters, match.Groups["page"].Value, cancellationToken).ConfigureAwait(false);
        }

        if (edge == "messenger_profile")
        {
            return _profile.Handle(request, parameters, Error);
        }

        if (!request.Method.Equals("POST", StringComparison.OrdinalIgnoreCase))
        {
            return Error(GraphError.InvalidParameter($"Unsupported {request.Method} request."));
        }

        return Upload(parameters);
    }

    private async Task<EmulatedResponse> SendWithFaultsAsync(EmulatedRequest request, RequestParameters parameters, string page, CancellationToken cancellationToken)
    {
        if (Faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(Faults.Delay, _time, cancellationToken).ConfigureAwait(false);
        }

        var fault = Faults.Next();
        switch (fault)
        {
            case EmulatedFault.DropBeforeProcessing:
                return new EmulatedResponse(0, string.Empty) { Drop = fault };
            case EmulatedFault.TransientError:
                return Error(new GraphError(503, 2, null, "(#2) Service temporarily unavailable", IsTransient: true));
            case EmulatedFault.ServerError:
                return Error(new GraphError(500, 1, null, "An unknown error occurred", IsTransient: true));
        }

        if (!request.Method.Equals("POST", StringComparison.OrdinalIgnoreCase))
        {
            return Error(GraphError.InvalidParameter($"Unsupported {request.Method} request."));
        }

        var answer = Send(parameters, page + "|" + parameters.Tokens[0]);
        return fault switch
        {
            EmulatedFault.DropAfterProcessing => answer with { Drop = fault },
            EmulatedFault.GatewayErrorAfterProcessing => new EmulatedResponse(502, "<html><body><h1>502 Bad Gateway</h1></body></html>") { Drop = fault },
            _ => answer,
        };
    }

    private EmulatedResponse Send(RequestParameters parameters, string account)
    {
        if (parameters.BodyError is { } bodyError)
        {
            return Error(bodyError);
        }

        var body = parameters.Body;

        if (EnforceRateLimits && Throttle(account, body) is { } throttled)
        {
            return Error(throttled);
        }

        var validator = new SendRequestValidator(id => _uploads.ContainsKey(id), MultiImageAvailable);
        if (validator.Validate(body, out var recipientId, out var senderAction) is { } error)
        {
            return Error(error);
        }

        if (senderAction is null && (_closedWindows.ContainsKey(recipientId) || WindowExpired(recipientId))
            && !(body.TryGetProperty("tag", out var tag) && tag.ValueKind == JsonValueKind.String && tag.GetString() == "HUMAN_AGENT"))
        {
            return Error(new GraphError(400, 10, 2534022, "(#10) This message is sent outside of allowed window."));
        }

        if (senderAction is not null)
        {
            var payload = body.TryGetProperty("payload", out var p) ? p : default;
            _actions.Enqueue(new EmulatedAction(
                recipientId,
                senderAction,
                payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("message_id", out var mid) ? mid.GetString() : null,
                payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("reaction", out var reaction) ? reaction.GetString() : null)
            {
                ReceivedAt = _time.GetUtcNow(),
            });
            return new EmulatedResponse(200, JsonSerializer.Serialize(new RecipientOnly(recipientId), EmulatorJsonContext.Default.RecipientOnly));
        }

        var messageId = NewMessageId();
        var delivered = new EmulatedMessage(messageId, recipientId, body) { DeliveredAt = _time.GetUtcNow() };
        var conversation = _conversations.GetOrAdd(recipientId, _ => new List<EmulatedMessage>());
        lock (conversation)
        {
            conversation.Add(delivered);
        }

        OnMessageSent(delivered);

        return new EmulatedResponse(200, JsonSerializer.Serialize(
            new SendSuccess(recipientId, messageId), EmulatorJsonContext.Default.SendSuccess));
    }

    // From a URL (JSON or form body) or a file (multipart, field filedata): the same fields either way.
    private EmulatedResponse Upload(RequestParameters parameters)
    {
        if (parameters.BodyError is { } bodyError)
        {
            return Error(bodyError);
        }

        var body = parameters.Body;
        if (!SendRequestValidator.IsString(body, "platform", "instagram"))
        {
            return Error(GraphError.InvalidParameter("Uploads for Instagram need platform=instagram."));
        }

        if (UploadAttachment(body) is not { } attachment)
        {
            return Error(GraphError.InvalidParameter("An upload needs message.attachment with a type (image, audio, video or file) and a payload."));
        }

        EmulatedUpload upload;
        if (parameters.File is { } file)
        {
            var limit = attachment.Type == "image" ? 8L * 1024 * 1024 : 25L * 1024 * 1024;
            if (file.Content.Length > limit)
            {
                return Error(GraphError.InvalidParameter("The attachment is too large.", 2018109));
            }

            if (!SendRequestValidator.ExtensionFits(attachment.Type, file.FileName))
            {
                return Error(GraphError.InvalidParameter($"The file is not a type {attachment.Type} attachments take.", 2018047));
            }

            upload = new EmulatedUpload(NewId("att"), attachment.Type, null, file.FileName, file.Content.Length);
        }
        else
        {
            if (!attachment.Payload.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String || !SendRequestValidator.IsAbsoluteHttp(url.GetString()!))
            {
                return Error(GraphError.InvalidParameter("An upload needs payload.url (an absolute URL) or a file in the form field filedata.", 2018008));
            }

            if (!SendRequestValidator.ExtensionFits(attachment.Type, url.GetString()!))
            {
                return Error(GraphError.InvalidParameter($"The media is not a type {attachment.Type} attachments take.", 2018047));
            }

            upload = new EmulatedUpload(NewId("att"), attachment.Type, url.GetString(), null, 0);
        }

        _uploads[upload.AttachmentId] = upload;
        return new EmulatedResponse(200, JsonSerializer.Serialize(new UploadSuccess(upload.AttachmentId), EmulatorJsonContext.Default.UploadSuccess));
    }

    // The platform's per-account windows: the calls of the last second, per traffic class.
    private GraphError? Throttle(string account, JsonElement body)
    {
        var audioVideo = body.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("attachment", out var attachment) && attachment.ValueKind == JsonValueKind.Object
            && attachment.TryGetProperty("type", out var type) && type.GetString() is "audio" or "video";
        var limit = audioVideo ? AudioVideoCallsPerSecond : TextCallsPerSecond;
        var window = _windows.GetOrAdd(account + (audioVideo ? "|av" : "|text"), _ => new Queue<DateTimeOffset>());
        var now = _time.GetUtcNow();
        lock (window)
        {
            while (window.Count > 0 && window.Peek() <= now - TimeSpan.FromSeconds(1))
            {
                window.Dequeue();
            }

            if (window.Count >= limit)
            {
                Interlocked.Increment(ref _throttled);
                return new GraphError(400, 613, 2534040, "(#613) Calls to this api have exceeded the rate limit.");
            }

            window.Enqueue(now);
        }

        return null;
    }

    private static (string Type, JsonElement Payload)? UploadAttachment(JsonElement body)
    {
        if (body.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("attachment", out var attachment) && attachment.ValueKind == JsonValueKind.Object
            && attachment.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && SendRequestValidator.IsKnownMediaType(type.GetString()!)
            && attachment.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object)
        {
            return (type.GetString()!, payload);
        }

        return null;
    }

    // Every token the request carries must be valid, wherever it travelled.
    private GraphError? Authenticate(RequestParameters parameters)
    {
        if (parameters.Tokens.Count == 0)
        {
            return new GraphError(400, 190, null,
                "An active access token must be used: send it as 'Authorization: Bearer <token>', or as the access_token query parameter or form field.");
        }

        foreach (var token in parameters.Tokens)
        {
            if (!_tokens.ContainsKey(token))
            {
                return new GraphError(400, 190, 467, "Invalid OAuth access token - Cannot parse access token");
            }
        }

        return null;
    }

    private string NewId(string prefix)
        => prefix + Interlocked.Increment(ref _messageCounter).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + "_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    private static EmulatedResponse Error(GraphError error)
    {
        var envelope = new ErrorEnvelope(new ErrorBody(
            error.Message, error.Type, error.Code, error.Subcode, error.IsTransient,
            "A" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_')));
        return new EmulatedResponse(error.HttpStatus, JsonSerializer.Serialize(envelope, EmulatorJsonContext.Default.ErrorEnvelope));
    }

    [GeneratedRegex(@"^/(?<version>v\d+\.\d+)/(?<page>[^/]+)/(?<edge>messages|message_attachments|messenger_profile)/?$", RegexOptions.CultureInvariant)]
    private static partial Regex Route();
}
