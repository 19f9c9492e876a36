namespace InstagramMessaging.Testing;

/// <summary>What became of a webhook event the emulator produced.</summary>
public enum WebhookDeliveryOutcome
{
    /// <summary>No callback was set with <c>DeliverTo</c>, so nothing was sent.</summary>
    NotDelivered,

    /// <summary>The app answered 200 to at least one delivery that carried the event.</summary>
    Delivered,

    /// <summary>Every delivery that carried the event failed, retries included: the emulator gave up.</summary>
    GaveUp,

    /// <summary>
    /// Not sent, because the subscription was disabled after deliveries kept failing for
    /// <see cref="EmulatorWebhooks.DisableAfter"/> (<see cref="EmulatorWebhooks.SubscriptionDisabledReason"/> says when
    /// and why). Meta keeps no history: the event is lost, even after <see cref="EmulatorWebhooks.EnableSubscription"/>.
    /// </summary>
    SubscriptionDisabled,
}
