using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
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

    // Each concern in its own part: the tokens (auth), what tests assert on (state), the edges' handlers, the
    // platform's rate limits. Routing and the fault injection are in GraphRoute and FaultInjection.
    private readonly AccessTokens _tokens = new();
    private readonly EmulatorState _state = new();
    private readonly UploadHandler _uploads = new();
    private readonly ProfileHandler _profile = new();
    private readonly EmulatorRateLimits _rateLimits = new();
    private readonly ConcurrentDictionary<string, byte> _closedWindows = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates an emulator that accepts <see cref="DefaultAccessToken"/>.</summary>
    /// <param name="pageId">The Page id accepted in paths besides <c>me</c>.</param>
    /// <param name="timeProvider">The clock for delivery times; the system clock by default.</param>
    public GraphApiEmulator(string pageId = DefaultPageId, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pageId);
        PageId = pageId;
        _time = timeProvider ?? TimeProvider.System;
        _tokens.Add(DefaultAccessToken);
    }

    /// <summary>The Page id accepted in paths besides <c>me</c>.</summary>
    public string PageId { get; }

    /// <summary>
    /// The requests received, accepted or not, in order of arrival: the latest <see cref="MaxRecordedRequests"/>
    /// (older ones are dropped, so a load test does not keep every body in memory).
    /// </summary>
    public IReadOnlyList<EmulatedRequest> Requests => _state.Requests;

    /// <summary>How many requests <see cref="Requests"/> keeps; the oldest are dropped beyond it. Default 1000.</summary>
    public int MaxRecordedRequests
    {
        get => _state.MaxRecordedRequests;
        set => _state.MaxRecordedRequests = value;
    }

    /// <summary>Accepts another access token.</summary>
    public void AddAccessToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _tokens.Add(token);
    }

    /// <summary>Stops accepting a token, as when it expires or is revoked.</summary>
    public void RevokeAccessToken(string token) => _tokens.Revoke(token);

    /// <summary>The messages delivered to <paramref name="recipientId"/>, oldest first.</summary>
    public IReadOnlyList<EmulatedMessage> Conversation(string recipientId) => _state.Conversation(recipientId);

    /// <summary>Every delivered message, across recipients.</summary>
    public IReadOnlyList<EmulatedMessage> DeliveredMessages => _state.DeliveredMessages();

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
    /// sliding second of the emulator's clock, and private replies within <see cref="PrivateRepliesPerHour"/> and
    /// <see cref="LivePrivateRepliesPerSecond"/> (plus <see cref="RateLimitTolerance"/>); more are answered with code
    /// 613, subcode 2534040. Off by default.
    /// </summary>
    public bool EnforceRateLimits { get; set; }

    /// <summary>Text, links, reactions, stickers: 100 calls/s per account (Meta's conservative figure).</summary>
    public int TextCallsPerSecond
    {
        get => _rateLimits.TextCallsPerSecond;
        set => _rateLimits.TextCallsPerSecond = value;
    }

    /// <summary>Audio and video: 10 calls/s per account.</summary>
    public int AudioVideoCallsPerSecond
    {
        get => _rateLimits.AudioVideoCallsPerSecond;
        set => _rateLimits.AudioVideoCallsPerSecond = value;
    }

    /// <summary>
    /// How many calls over the rate a sliding second may hold before the emulator answers 613: 0 by default (the
    /// strictest reading of Meta's figures: never more than <see cref="TextCallsPerSecond"/> calls in any second).
    /// Meta documents the rates, not how it counts them; a test of a client that spends the whole rate can allow the
    /// few calls of jitter a real platform is likely to tolerate (3 lets a second hold 103 text calls).
    /// </summary>
    public int RateLimitTolerance
    {
        get => _rateLimits.Tolerance;
        set => _rateLimits.Tolerance = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The rate limit tolerance cannot be negative.");
    }

    /// <summary>
    /// Private replies to comments on posts, reels and ads: 750 calls per sliding hour per account (Meta's figure). They
    /// count in this budget only, not in <see cref="TextCallsPerSecond"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or negative.</exception>
    public int PrivateRepliesPerHour
    {
        get => _rateLimits.PrivateRepliesPerHour;
        set => _rateLimits.PrivateRepliesPerHour = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The private replies per hour must be positive.");
    }

    /// <summary>
    /// Private replies to comments on live broadcasts (<see cref="SimulatedUser.CommentOnLiveAsync"/>): 100 calls per
    /// sliding second per account (Meta's figure); this budget only.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or negative.</exception>
    public int LivePrivateRepliesPerSecond
    {
        get => _rateLimits.LivePrivateRepliesPerSecond;
        set => _rateLimits.LivePrivateRepliesPerSecond = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The live private replies per second must be positive.");
    }

    /// <summary>How many calls were throttled because of <see cref="EnforceRateLimits"/>.</summary>
    public int ThrottledCalls => _rateLimits.ThrottledCalls;

    /// <summary>Closes the 24-hour window with a recipient: messages without the HUMAN_AGENT tag get 10/2534022.</summary>
    public void CloseWindow(string recipientId) => _closedWindows[recipientId] = 0;

    /// <summary>Opens the window again, as when the user writes.</summary>
    public void OpenWindow(string recipientId)
    {
        _closedWindows.TryRemove(recipientId, out _);
        _windowOpenedAt[recipientId] = _time.GetUtcNow();
    }

    /// <summary>Every sender action accepted (typing, mark seen, reactions), oldest first.</summary>
    public IReadOnlyList<EmulatedAction> Actions => _state.Actions;

    /// <summary>Every upload accepted by <c>message_attachments</c>.</summary>
    public IReadOnlyList<EmulatedUpload> Uploads => _uploads.Uploads;

    /// <summary>Makes an attachment id known, as if it had been uploaded, so messages may send it.</summary>
    public void AddAttachment(string attachmentId, string type = "image")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attachmentId);
        _uploads.Add(new EmulatedUpload(attachmentId, type, null, null, 0));
    }

    /// <summary>Answers one request as the Graph API would.</summary>
    public async Task<EmulatedResponse> HandleAsync(EmulatedRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var parameters = await FormRequestReader.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var recorded = request with { TokenLocation = parameters.TokenLocation };
        _state.Record(recorded);
        var answer = await AnswerAsync(request, parameters, cancellationToken).ConfigureAwait(false);
        OnAnswered(recorded, parameters, answer);
        return answer;
    }

    // Routing, then auth, then the edge's handler.
    private async Task<EmulatedResponse> AnswerAsync(EmulatedRequest request, RequestParameters parameters, CancellationToken cancellationToken)
    {
        var path = request.PathAndQuery.Split('?', 2)[0];
        if (GraphRoute.Match(path, PageId) is not var (page, edge))
        {
            return EmulatorResponses.Error(new GraphError(400, 100, 33, $"(#100) Unsupported request: '{path}' is not a route of this emulator."));
        }

        if (_tokens.Authenticate(parameters) is { } authError)
        {
            return EmulatorResponses.Error(authError);
        }

        if (edge == "messages")
        {
            return await MessagesAsync(request, parameters, page, cancellationToken).ConfigureAwait(false);
        }

        if (edge == "messenger_profile")
        {
            return _profile.Handle(request, parameters, EmulatorResponses.Error);
        }

        if (edge == "subscribed_apps")
        {
            return SubscribedApps(request, parameters);
        }

        if (!request.Method.Equals("POST", StringComparison.OrdinalIgnoreCase))
        {
            return EmulatorResponses.Error(GraphError.InvalidParameter($"Unsupported {request.Method} request."));
        }

        return _uploads.Handle(parameters);
    }
}
