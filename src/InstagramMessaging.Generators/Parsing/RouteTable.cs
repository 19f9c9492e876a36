using InstagramMessaging.Generators.Model;
using Microsoft.CodeAnalysis;

namespace InstagramMessaging.Generators.Parsing;

/// <summary>
/// What each routing attribute routes: one row per <see cref="RouteKind"/>. A new kind is a new attribute in the
/// runtime plus one row here; the reader, the emitter and the analyzers all read this table.
/// </summary>
internal static class RouteTable
{
    public const string HandlerAttribute = "InstagramMessaging.Webhooks.InstagramWebhookHandlerAttribute";
    public const string EventNamespace = "InstagramMessaging.Webhooks";

    // Customer-only rows (messages, quick-reply taps, postbacks) never route the account's own events: self messaging
    // (is_self, or a sender that is the account) would otherwise reach a bot that answers every message, and its
    // answer would come back as another self message (a loop). Echoes have their own type and row.
    // Order matters twice: rows of one event type are adjacent (the emitter writes one case per type), and a
    // payload row comes before the plain row of the same type (a tap with no handler falls to [OnMessage]).
    private static readonly RouteRow[] s_rows =
    {
        new(RouteKind.QuickReply, "OnQuickReplyAttribute", "MessageReceivedEvent", "QuickReplyPayload", "message", "quick reply") { CustomerOnly = true, SelfFlag = "IsSelf" },
        new(RouteKind.Message, "OnMessageAttribute", "MessageReceivedEvent", null, "message", "message") { CustomerOnly = true, SelfFlag = "IsSelf" },
        new(RouteKind.Postback, "OnPostbackAttribute", "PostbackReceivedEvent", "Payload", "postback", "postback") { CustomerOnly = true, SelfFlag = "IsSelf" },
        new(RouteKind.Echo, "OnEchoAttribute", "MessageEchoEvent", null, "echo", "echo"),
        new(RouteKind.Reaction, "OnReactionAttribute", "ReactionEvent", null, "reaction", "reaction"),
        new(RouteKind.Read, "OnReadAttribute", "MessageReadEvent", null, "read", "read receipt"),
        new(RouteKind.Edit, "OnEditAttribute", "MessageEditedEvent", null, "edit", "edit"),
        new(RouteKind.Delete, "OnDeleteAttribute", "MessageDeletedEvent", null, "deletion", "deletion"),
        new(RouteKind.Referral, "OnReferralAttribute", "ReferralEvent", null, "referral", "referral"),
        new(RouteKind.Comment, "OnCommentAttribute", "CommentEvent", null, "comment", "comment"),
        new(RouteKind.Mention, "OnMentionAttribute", "MentionEvent", null, "mention", "mention"),
        new(RouteKind.ThreadControl, "OnThreadControlAttribute", "ThreadControlEvent", null, "threadControl", "thread control change"),
    };

    public static System.ReadOnlySpan<RouteRow> Rows => s_rows;

    public static RouteRow For(RouteKind kind) => s_rows[(int)kind] is { } row && row.Kind == kind
        ? row
        : throw new System.InvalidOperationException($"RouteTable row for {kind} is out of order.");

    /// <summary>The row of a routing attribute class; null for any other attribute.</summary>
    public static RouteRow? ForAttribute(INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null)
        {
            return null;
        }

        foreach (var row in s_rows)
        {
            if (row.AttributeName == attributeClass.Name)
            {
                return IsInEventNamespace(attributeClass) ? row : null;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="type"/> is declared in <c>InstagramMessaging.Webhooks</c>.</summary>
    public static bool IsInEventNamespace(INamedTypeSymbol type)
        => type.ContainingNamespace is { Name: "Webhooks", ContainingNamespace: { Name: "InstagramMessaging", ContainingNamespace.IsGlobalNamespace: true } };
}

/// <summary>One routing attribute: the event type it routes and, for payload routes, the property compared.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="AttributeName">The attribute class's name (namespace <see cref="RouteTable.EventNamespace"/>).</param>
/// <param name="EventTypeName">The event record it routes (same namespace).</param>
/// <param name="PayloadProperty">The event's payload property, or null when the kind is not routed by payload.</param>
/// <param name="Local">The name of the typed local in the generated switch.</param>
/// <param name="Noun">How messages name the kind.</param>
internal sealed record RouteRow(RouteKind Kind, string AttributeName, string EventTypeName, string? PayloadProperty, string Local, string Noun)
{
    public bool HasPayload => PayloadProperty is not null;

    /// <summary>
    /// Whether only a customer's events reach the route: the generated case returns before any call when the
    /// sender is the account itself (<see cref="SelfFlag"/> set, or <c>SenderId</c> equal to <c>AccountId</c>) or the
    /// event came in standby (<c>IsStandby</c>: another app owns the thread).
    /// Rows of one event type agree on it.
    /// </summary>
    public bool CustomerOnly { get; init; }

    /// <summary>The event's boolean property that marks self messaging (<c>IsSelf</c>), or null when it has none.</summary>
    public string? SelfFlag { get; init; }

    public string AttributeDisplayName => "[" + AttributeName.Substring(0, AttributeName.Length - "Attribute".Length) + "]";

    public string EventTypeFullName => RouteTable.EventNamespace + "." + EventTypeName;
}
