using System;
using System.Collections.Generic;

namespace InstagramMessaging;

// The argument checks the messenger's operations share.
internal static class MessengerGuards
{
    public static void RequireRecipient(Recipient recipient)
    {
        if (!recipient.IsSet)
        {
            throw new ArgumentException("The recipient is not set; create it with Recipient.Id(igsid) or Recipient.Comment(commentId).", nameof(recipient));
        }
    }

    public static void ThrowIfInvalid(IReadOnlyList<MessageRuleViolation>? violations)
    {
        if (violations is { Count: > 0 })
        {
            throw new InstagramMessageValidationException(violations);
        }
    }
}
