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
}
