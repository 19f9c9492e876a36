using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace InstagramMessaging.Webhooks;

// Checked when the host starts (ValidateOnStart), so a missing secret fails the deployment, not the first delivery.
internal sealed class InstagramWebhookOptionsValidator : IValidateOptions<InstagramWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, InstagramWebhookOptions options)
    {
        var failures = new List<string>();
        if (options.AppSecrets.Count == 0)
        {
            failures.Add("InstagramWebhookOptions.AppSecrets needs at least one app secret to verify X-Hub-Signature-256.");
        }

        foreach (var secret in options.AppSecrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                failures.Add("InstagramWebhookOptions.AppSecrets holds an empty secret.");
                break;
            }
        }

        if (options.VerifyToken is { Length: 0 })
        {
            failures.Add("InstagramWebhookOptions.VerifyToken is empty; set it to the token entered in Meta's App Dashboard, or leave it null.");
        }

        Positive(failures, options.MaxBodySize, nameof(options.MaxBodySize));
        Positive(failures, options.MaxConcurrency, nameof(options.MaxConcurrency));
        Positive(failures, options.QueueCapacity, nameof(options.QueueCapacity));
        Positive(failures, options.DedupeCapacity, nameof(options.DedupeCapacity));
        if (options.DedupeLifetime <= TimeSpan.Zero)
        {
            failures.Add("InstagramWebhookOptions.DedupeLifetime must be positive.");
        }

        if (options.ShutdownDrainTimeout < TimeSpan.Zero)
        {
            failures.Add("InstagramWebhookOptions.ShutdownDrainTimeout must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, long value, string name)
    {
        if (value <= 0)
        {
            failures.Add($"InstagramWebhookOptions.{name} must be positive (was {value}).");
        }
    }
}
