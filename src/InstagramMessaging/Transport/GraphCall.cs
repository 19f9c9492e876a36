using System.Net.Http;
using System.Threading;
using System;

namespace InstagramMessaging.Transport;

// The arguments of one logical call, passed by value through the steps: no closure, no object per call.
internal readonly struct GraphCall
{
    private readonly ReadOnlyMemory<byte> _json;
    private readonly Func<HttpContent?>? _content;

    // A JSON body over bytes that stay valid until the call completes.
    public GraphCall(HttpMethod method, GraphEndpoint endpoint, ReadOnlyMemory<byte> json, TrafficClass trafficClass, CancellationToken cancellationToken)
        : this(method, endpoint, json, null, trafficClass, cancellationToken)
    {
    }

    // A body made by a factory, once per attempt (null: no body).
    public GraphCall(HttpMethod method, GraphEndpoint endpoint, Func<HttpContent?> content, TrafficClass trafficClass, CancellationToken cancellationToken)
        : this(method, endpoint, default, content, trafficClass, cancellationToken)
    {
    }

    private GraphCall(HttpMethod method, GraphEndpoint endpoint, ReadOnlyMemory<byte> json, Func<HttpContent?>? content, TrafficClass trafficClass, CancellationToken cancellationToken)
    {
        Method = method;
        Endpoint = endpoint;
        _json = json;
        _content = content;
        TrafficClass = trafficClass;
        CancellationToken = cancellationToken;
    }

    public HttpMethod Method { get; }

    /// <summary>The user id a message goes to, when there is one: the answer's recipient_id usually repeats it.</summary>
    public string? RecipientId { get; init; }

    public GraphEndpoint Endpoint { get; }

    public TrafficClass TrafficClass { get; }

    /// <summary>The caller's token (retries add none of their own today, but the steps keep the two apart).</summary>
    public CancellationToken CancellationToken { get; }

    // A fresh body for each attempt, which remembers whether the transport began to send it.
    public TrackedContent? CreateContent()
        => _content is null ? new JsonBodyContent(_json) : _content() is { } made ? new WriteTrackingContent(made) : null;
}
