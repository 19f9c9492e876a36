using System.Collections.Generic;

namespace InstagramMessaging;

/// <summary>The ice breakers of one locale (at most 4). A set for locale <c>default</c> is required.</summary>
/// <param name="Locale"><c>default</c>, or a locale such as <c>en_GB</c>.</param>
/// <param name="Questions">Up to 4 questions.</param>
public sealed record IceBreakerSet(string Locale, IReadOnlyList<IceBreaker> Questions)
{
    /// <summary>The locale every profile must have.</summary>
    public const string DefaultLocale = "default";
}
