namespace InstagramMessaging;

/// <summary>One broken platform rule.</summary>
/// <param name="RuleId">The rule's id, the same as its compile-time diagnostic, such as <c>"IGM001"</c>.</param>
/// <param name="Member">The contract member that breaks it.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record MessageRuleViolation(string RuleId, string Member, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{RuleId} ({Member}): {Message}";
}
