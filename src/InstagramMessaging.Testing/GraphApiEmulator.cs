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
/// A local stand-in for the Graph API's Instagram send surface. It checks the bearer token, validates each
/// body as the platform does, answers with Meta-shaped successes and errors, and keeps every recipient's
/// conversation so tests can assert on what arrived. Use <see cref="CreateHandler"/> in process, or
/// <see cref="GraphApiEmulatorServer"/> over loopback HTTP. Thread-safe.
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

    /// <summary>Every request received, accepted or not, in order of arrival.</summary>
    public IReadOnlyList<EmulatedRequest> Requests => _requests.ToArray();

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

    /// <summary>An in-process <see cref="HttpMessageHandler"/> that answers every request from this emulator.</summary>
    public HttpMessageHandler CreateHandler() => new EmulatorHttpHandler(this);

    /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/>.</summary>
    public HttpClient CreateHttpClient() => new(CreateHandler());

    /// <summary>Answers one request as the Graph API would.</summary>
    public Task<EmulatedResponse> HandleAsync(EmulatedRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        _requests.Enqueue(request);
        return Task.FromResult(Handle(request));
    }

    private EmulatedResponse Handle(EmulatedRequest request)
    {
        var path = request.PathAndQuery.Split('?', 2)[0];
        var match = MessagesPath().Match(path);
        if (!match.Success || (match.Groups["page"].Value != "me" && match.Groups["page"].Value != PageId))
        {
            return Error(new GraphError(400, 100, 33, $"(#100) Unsupported request: '{path}' is not a route of this emulator."));
        }

        if (!request.Method.Equals("POST", StringComparison.OrdinalIgnoreCase))
        {
            return Error(GraphError.InvalidParameter($"Unsupported {request.Method} request."));
        }

        if (Authenticate(request) is { } authError)
        {
            return Error(authError);
        }

        if (!string.Equals(request.ContentType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Error(GraphError.InvalidParameter($"The body must be sent as application/json, not '{request.ContentType}'."));
        }

        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(request.Body);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Error(GraphError.InvalidParameter("The request body is not valid JSON."));
        }

        if (SendRequestValidator.Validate(body, out var recipientId) is { } error)
        {
            return Error(error);
        }

        var messageId = NewMessageId();
        var delivered = new EmulatedMessage(messageId, recipientId, body) { DeliveredAt = _time.GetUtcNow() };
        var conversation = _conversations.GetOrAdd(recipientId, _ => new List<EmulatedMessage>());
        lock (conversation)
        {
            conversation.Add(delivered);
        }

        return new EmulatedResponse(200, JsonSerializer.Serialize(
            new SendSuccess(recipientId, messageId), EmulatorJsonContext.Default.SendSuccess));
    }

    private GraphError? Authenticate(EmulatedRequest request)
    {
        const string bearer = "Bearer ";
        if (request.Authorization is not { } header || !header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return new GraphError(400, 190, null, "An active access token must be used: send it as 'Authorization: Bearer <token>'.");
        }

        return _tokens.ContainsKey(header.Substring(bearer.Length).Trim())
            ? null
            : new GraphError(400, 190, 467, "Invalid OAuth access token - Cannot parse access token");
    }

    private string NewMessageId()
        => "m_emu" + Interlocked.Increment(ref _messageCounter).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + "_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    private static EmulatedResponse Error(GraphError error)
    {
        var envelope = new ErrorEnvelope(new ErrorBody(
            error.Message, error.Type, error.Code, error.Subcode, error.IsTransient,
            "A" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_')));
        return new EmulatedResponse(error.HttpStatus, JsonSerializer.Serialize(envelope, EmulatorJsonContext.Default.ErrorEnvelope));
    }

    [GeneratedRegex(@"^/(?<version>v\d+\.\d+)/(?<page>[^/]+)/messages/?$", RegexOptions.CultureInvariant)]
    private static partial Regex MessagesPath();
}
