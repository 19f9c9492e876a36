using System.Collections.Generic;

namespace InstagramMessaging;

/// <summary>An ice breaker: a question shown before the first message, and the postback payload it sends.</summary>
/// <param name="Question">What the user can tap.</param>
/// <param name="Payload">What your webhook receives in <c>postback.payload</c>.</param>
public sealed record IceBreaker(string Question, string Payload);

/// <summary>The ice breakers of one locale (at most 4). A set for locale <c>default</c> is required.</summary>
/// <param name="Locale"><c>default</c>, or a locale such as <c>en_GB</c>.</param>
/// <param name="Questions">Up to 4 questions.</param>
public sealed record IceBreakerSet(string Locale, IReadOnlyList<IceBreaker> Questions)
{
    /// <summary>The locale every profile must have.</summary>
    public const string DefaultLocale = "default";
}

/// <summary>The persistent menu of one locale: <c>web_url</c> and <c>postback</c> buttons.</summary>
/// <param name="Locale"><c>default</c>, or a locale such as <c>en_GB</c>.</param>
/// <param name="Items">The menu's buttons; Meta recommends 5 or fewer.</param>
public sealed record PersistentMenu(string Locale, IReadOnlyList<Button> Items);
