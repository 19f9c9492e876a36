namespace InstagramMessaging.Generators.Model;

/// <summary>Everything the emitter needs to write the dispatch of one <c>[InstagramWebhookHandler]</c> class; equatable so the pipeline caches it.</summary>
/// <param name="Namespace">The class's namespace, or null for the global namespace.</param>
/// <param name="TypeName">The class's own name, as written in C#.</param>
/// <param name="Keyword">Its declaration keyword: <c>class</c> or <c>record</c>.</param>
/// <param name="ContainingTypes">The types it is nested in, outermost first.</param>
/// <param name="Routes">The routes routing can call, in declaration order, without duplicates.</param>
internal sealed record HandlerSpec(
    string? Namespace,
    string TypeName,
    string Keyword,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    EquatableArray<RouteSpec> Routes)
{
    /// <summary>A deterministic hint name: namespace, containing types and type, dotted, then <c>.Routing.g.cs</c>.</summary>
    public string HintName
    {
        get
        {
            var name = TypeName;
            for (var i = ContainingTypes.Count - 1; i >= 0; i--)
            {
                name = ContainingTypes[i].Name + "." + name;
            }

            return ((Namespace is null ? name : Namespace + "." + name) + ".Routing.g.cs").Replace("@", string.Empty);
        }
    }
}

/// <summary>One routed method.</summary>
/// <param name="Kind">What it routes.</param>
/// <param name="Payload">For quick replies and postbacks: the payload it handles.</param>
/// <param name="MethodName">The method's name, as written in C#.</param>
/// <param name="TakesCancellationToken">Whether it takes the token as a second parameter.</param>
/// <param name="ReturnsTask">True for <c>Task</c> (wrapped in a <c>ValueTask</c>, which allocates nothing), false for <c>ValueTask</c>.</param>
/// <param name="ParameterCast">
/// The method's event parameter type (fully qualified) when the method is overloaded and takes a base type of the
/// event: the call casts to it, so overload resolution cannot pick a more specific overload routed elsewhere.
/// </param>
internal sealed record RouteSpec(RouteKind Kind, string? Payload, string MethodName, bool TakesCancellationToken, bool ReturnsTask, string? ParameterCast = null);
