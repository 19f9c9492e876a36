using System.Collections.Generic;

namespace InstagramMessaging;

/// <summary>The persistent menu of one locale: <c>web_url</c> and <c>postback</c> buttons.</summary>
/// <param name="Locale"><c>default</c>, or a locale such as <c>en_GB</c>.</param>
/// <param name="Items">The menu's buttons; Meta recommends 5 or fewer.</param>
public sealed record PersistentMenu(string Locale, IReadOnlyList<Button> Items);
