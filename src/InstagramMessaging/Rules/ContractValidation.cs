using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace InstagramMessaging.Rules;

/// <summary>
/// The run-time checks generated <c>Validate()</c> methods call. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ContractValidation
{
    /// <summary>Checks a <c>[MessageText]</c> value: present, and at most 1000 UTF-8 bytes.</summary>
    public static void CheckText(ref List<MessageRuleViolation>? violations, string? value, string member)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(ref violations, MessageRules.EmptyValue, member, member, value is null ? "null" : "empty", "text");
        }
        else if (MessageRules.IsTextTooLong(value))
        {
            Add(ref violations, MessageRules.TextTooLong, member, member, MessageRules.Utf8Length(value));
        }
    }

    /// <summary>Checks a <c>[ReplyTo]</c> value: null (no reply) or a non-empty message id.</summary>
    public static void CheckReplyTo(ref List<MessageRuleViolation>? violations, string? value, string member)
    {
        if (value is not null && value.Length == 0)
        {
            Add(ref violations, MessageRules.EmptyValue, member, member, "empty", "reply_to message id (use null to send no reply_to)");
        }
    }

    /// <summary>The violations found, or an empty list.</summary>
    public static IReadOnlyList<MessageRuleViolation> Result(List<MessageRuleViolation>? violations)
        => violations is null ? Array.Empty<MessageRuleViolation>() : violations;

    private static void Add(ref List<MessageRuleViolation>? violations, MessageRule rule, string member, params object[] args)
        => (violations ??= new List<MessageRuleViolation>()).Add(new MessageRuleViolation(rule.Id, member, rule.Format(args)));
}
