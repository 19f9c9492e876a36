using System;
using System.Globalization;

namespace InstagramMessaging.Testing;

// The subscription's health: Meta disables it after deliveries kept failing for an hour (spec §5, §9.4).
public sealed partial class EmulatorWebhooks
{
    private readonly object _subscriptionGate = new();
    private TimeSpan _disableAfter = TimeSpan.FromHours(1);
    private DateTimeOffset? _failingSince;
    private DateTimeOffset? _disabledAt;
    private string? _disabledReason;

    /// <summary>
    /// How long deliveries may keep failing, from the first failed attempt with no successful one since, before the
    /// subscription is disabled (<see cref="IsSubscriptionDisabled"/>). Default 1 hour, Meta's figure for messaging
    /// webhooks. Measured on the emulator's <see cref="TimeProvider"/> at each failed attempt (retries included), so
    /// with a fake clock advance it past the span and let one more attempt fail.
    /// </summary>
    public TimeSpan DisableAfter
    {
        get => _disableAfter;
        set => _disableAfter = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The failure span before the subscription is disabled must be positive.");
    }

    /// <summary>
    /// Whether Meta has disabled the subscription (its "Webhooks Disabled" alert): nothing is posted any more, retries in
    /// progress stop, and events produced meanwhile end as <see cref="WebhookDeliveryOutcome.SubscriptionDisabled"/>
    /// and are never delivered. <see cref="EnableSubscription"/> turns it back on.
    /// </summary>
    public bool IsSubscriptionDisabled => SubscriptionDisabledAt is not null;

    /// <summary>When the subscription was disabled (emulator's clock), or null while it is enabled.</summary>
    public DateTimeOffset? SubscriptionDisabledAt
    {
        get
        {
            lock (_subscriptionGate)
            {
                return _disabledAt;
            }
        }
    }

    /// <summary>Why the subscription was disabled, in words for a test's failure message; null while it is enabled.</summary>
    public string? SubscriptionDisabledReason
    {
        get
        {
            lock (_subscriptionGate)
            {
                return _disabledReason;
            }
        }
    }

    /// <summary>When the current run of failed attempts began (emulator's clock), or null when the last attempt succeeded.</summary>
    public DateTimeOffset? FailingSince
    {
        get
        {
            lock (_subscriptionGate)
            {
                return _failingSince;
            }
        }
    }

    /// <summary>
    /// Subscribes the app again after Meta disabled the subscription, as the app's <c>subscribed_apps</c> call does:
    /// events produced from now on are delivered; those produced while it was disabled stay lost (Meta keeps no history).
    /// Calling <c>DeliverTo</c> does not do this: changing the callback does not re-subscribe the account at Meta either.
    /// </summary>
    public void EnableSubscription()
    {
        lock (_subscriptionGate)
        {
            _disabledAt = null;
            _disabledReason = null;
            _failingSince = null;
        }
    }

    private void ThrowIfSubscriptionDisabled(string operation)
    {
        if (SubscriptionDisabledReason is { } reason)
        {
            throw new InvalidOperationException($"{operation} cannot post: {reason}");
        }
    }

    // Every attempt of the subscription's deliveries (not the dashboard test) ends or extends the failure span.
    private void NoteAttempt(bool succeeded)
    {
        var now = _time.GetUtcNow();
        lock (_subscriptionGate)
        {
            if (succeeded)
            {
                _failingSince = null;
                return;
            }

            _failingSince ??= now;
            if (_disabledAt is null && now - _failingSince.Value >= _disableAfter)
            {
                _disabledAt = now;
                _disabledReason = string.Create(CultureInfo.InvariantCulture,
                    $"the subscription was disabled at {now:O}: deliveries kept failing from {_failingSince.Value:O} with no successful one, past DisableAfter ({_disableAfter}), as Meta disables a failing callback. Events produced meanwhile are not delivered; call EnableSubscription(), or POST subscribed_apps as the app does to subscribe again, to resume.");
            }
        }
    }
}
