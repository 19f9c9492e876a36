using Microsoft.CodeAnalysis;

namespace InstagramMessaging.Generators.Parsing;

/// <summary>A routing attribute on a method routing can call: what it routes, and where it is written.</summary>
internal readonly struct FoundRoute
{
    public FoundRoute(RouteRow row, string? payload, IMethodSymbol method, Location? location, bool takesCancellationToken, bool returnsTask)
    {
        Row = row;
        Payload = payload;
        Method = method;
        Location = location;
        TakesCancellationToken = takesCancellationToken;
        ReturnsTask = returnsTask;
    }

    public RouteRow Row { get; }

    /// <summary>The payload, for quick-reply and postback routes.</summary>
    public string? Payload { get; }

    public IMethodSymbol Method { get; }

    /// <summary>The payload argument (or the attribute, for routes without payload).</summary>
    public Location? Location { get; }

    public bool TakesCancellationToken { get; }

    public bool ReturnsTask { get; }
}
