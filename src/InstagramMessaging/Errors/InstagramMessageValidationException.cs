using System;
using System.Collections.Generic;
using System.Linq;

namespace InstagramMessaging;

/// <summary>A message breaks a platform rule; it was not sent.</summary>
public sealed class InstagramMessageValidationException : Exception
{
    /// <summary>Creates the exception for the given violations.</summary>
    public InstagramMessageValidationException(IReadOnlyList<MessageRuleViolation> violations)
        : base(BuildMessage(violations))
    {
        Violations = violations;
    }

    /// <summary>Every rule the message breaks.</summary>
    public IReadOnlyList<MessageRuleViolation> Violations { get; }

    private static string BuildMessage(IReadOnlyList<MessageRuleViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        return "The message was not sent because it breaks Instagram's rules: "
            + string.Join("; ", violations.Select(v => v.ToString()));
    }
}
