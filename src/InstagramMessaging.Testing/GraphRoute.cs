using System.Text.RegularExpressions;

namespace InstagramMessaging.Testing;

// The routes the emulator answers: /{version}/{page}/{edge} for the send surface's three edges and the account's
// webhook opt-in (subscribed_apps), on the emulator's Page id or "me".
internal static partial class GraphRoute
{
    // The edge a path names, or null when it is no route of this emulator (or names another Page). Page is the
    // path's own spelling ("me" or the id), part of the account the rate limits count against.
    public static (string Page, string Edge)? Match(string path, string pageId)
    {
        var match = Pattern().Match(path);
        if (!match.Success)
        {
            return null;
        }

        var page = match.Groups["page"].Value;
        return page == "me" || page == pageId ? (page, match.Groups["edge"].Value) : null;
    }

    [GeneratedRegex(@"^/(?<version>v\d+\.\d+)/(?<page>[^/]+)/(?<edge>messages|message_attachments|messenger_profile|subscribed_apps)/?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
