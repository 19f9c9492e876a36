namespace InstagramMessaging.Testing;

/// <summary>
/// What happened when the simulated customer opened an ig.me link (<see cref="SimulatedUser.OpenLinkAsync"/>). Meta's
/// answer depends on the thread: into an existing one it sends a standalone <c>referral</c> event at once
/// (<see cref="Event"/>); into a new one it sends nothing until the customer writes, and their first message (or ice
/// breaker postback) then carries the referral (<see cref="IsNewThread"/>).
/// </summary>
public sealed class SimulatedLinkOpening
{
    internal SimulatedLinkOpening(string? @ref, string source, bool isNewThread, SimulatedEvent? simulated)
    {
        Ref = @ref;
        Source = source;
        IsNewThread = isNewThread;
        Event = simulated;
    }

    /// <summary>The link's <c>ref</c> parameter, or null when it had none.</summary>
    public string? Ref { get; }

    /// <summary>The referral's <c>source</c>: <c>SHORTLINK</c> unless the link said otherwise.</summary>
    public string Source { get; }

    /// <summary>
    /// True when neither side had written yet: nothing was delivered, and the customer's next
    /// <see cref="SimulatedUser.SendTextAsync"/>, <see cref="SimulatedUser.SendAttachmentAsync"/> or
    /// <see cref="SimulatedUser.PressPostbackAsync"/> carries <c>referral{ref, source, type: "OPEN_THREAD"}</c>.
    /// </summary>
    public bool IsNewThread { get; }

    /// <summary>
    /// The standalone <c>referral</c> event delivered into the existing thread (<see cref="SimulatedEvent.Kind"/>
    /// <c>referral</c>); null when the thread is new, or when a link without <c>ref</c> was opened into an existing
    /// thread (Meta reports those only when they carry a <c>ref</c>).
    /// </summary>
    public SimulatedEvent? Event { get; }

    /// <inheritdoc/>
    public override string ToString()
        => "ig.me link" + (Ref is null ? string.Empty : " ref " + Ref) + (IsNewThread ? ", waiting for the first message" : Event is null ? ", nothing sent" : ", referral sent");
}
