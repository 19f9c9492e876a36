using System.Collections.Generic;

namespace InstagramMessaging;

/// <summary>One card of a generic template.</summary>
/// <param name="Title">Required; at most 80 characters.</param>
public sealed record GenericElement(string Title)
{
    /// <summary>At most 80 characters.</summary>
    public string? Subtitle { get; init; }

    /// <summary>The card's image.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The URL opened when the card itself is tapped (<c>default_action</c>, a <c>web_url</c> without a title).</summary>
    public string? DefaultActionUrl { get; init; }

    /// <summary>Up to 3 buttons.</summary>
    public IReadOnlyList<Button>? Buttons { get; init; }
}
