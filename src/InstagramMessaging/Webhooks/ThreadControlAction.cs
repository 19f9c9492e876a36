namespace InstagramMessaging.Webhooks;

/// <summary>What happened to the conversation's ownership (handover protocol).</summary>
public enum ThreadControlAction
{
    /// <summary><c>pass_thread_control</c>: another app passed the conversation.</summary>
    Pass,

    /// <summary><c>take_thread_control</c>: an app took the conversation.</summary>
    Take,

    /// <summary><c>request_thread_control</c>: an app asks for the conversation.</summary>
    Request,

    /// <summary>
    /// <c>app_roles</c>: the roles apps now have on the account (<see cref="ThreadControlEvent.AppRoles"/>), such as
    /// which one is the primary receiver of new conversations. It names no sender.
    /// </summary>
    AppRoles,
}
