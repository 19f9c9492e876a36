using System;
using System.Collections.Generic;
using System.Linq;

namespace InstagramMessaging.Webhooks;

/// <summary>A change of who owns the conversation (field <c>messaging_handover</c>).</summary>
public sealed record ThreadControlEvent : InstagramWebhookEvent
{
    /// <summary>Pass, take, request, or the apps' roles.</summary>
    public ThreadControlAction Action { get; init; }

    /// <summary><c>previous_owner_app_id</c>; null for an idle thread.</summary>
    public string? PreviousOwnerAppId { get; init; }

    /// <summary><c>new_owner_app_id</c>.</summary>
    public string? NewOwnerAppId { get; init; }

    /// <summary><c>requested_owner_app_id</c> (requests only).</summary>
    public string? RequestedOwnerAppId { get; init; }

    /// <summary><c>metadata</c>: free text from the other app.</summary>
    public string? Metadata { get; init; }

    /// <summary>
    /// <c>app_roles</c> (<see cref="ThreadControlAction.AppRoles"/> only): each app id with its roles as sent, such
    /// as <c>primary_receiver</c>; null for the other actions. Compared by reference in record equality, like
    /// other collections of events.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? AppRoles { get; init; }

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Other(AccountId, Action.ToString(), SenderId, Timestamp);

    /// <summary>Value equality, <see cref="AppRoles"/> compared app by app and role by role (a record compares a dictionary by reference).</summary>
    /// <param name="other">The event to compare with.</param>
    /// <returns>Whether both tell the same change.</returns>
    public bool Equals(ThreadControlEvent? other)
        => other is not null
            && base.Equals(other)
            && Action == other.Action
            && PreviousOwnerAppId == other.PreviousOwnerAppId
            && NewOwnerAppId == other.NewOwnerAppId
            && RequestedOwnerAppId == other.RequestedOwnerAppId
            && Metadata == other.Metadata
            && SameRoles(AppRoles, other.AppRoles);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Action, PreviousOwnerAppId, NewOwnerAppId, RequestedOwnerAppId, Metadata, AppRoles?.Count);

    private static bool SameRoles(IReadOnlyDictionary<string, IReadOnlyList<string>>? left, IReadOnlyDictionary<string, IReadOnlyList<string>>? right)
        => ReferenceEquals(left, right)
            || (left is not null && right is not null && left.Count == right.Count
                && left.All(app => right.TryGetValue(app.Key, out var roles) && app.Value.SequenceEqual(roles)));
}
