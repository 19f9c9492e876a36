using InstagramMessaging.Rules;
using Microsoft.CodeAnalysis;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>Every diagnostic the package reports; words and ids come from the rules table.</summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "InstagramMessaging";
    public const string HelpLinkBase = "https://github.com/instagram-messaging/InstagramMessaging/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor TextTooLong = Create(RuleIds.TextTooLong, MessageRules.TextTooLong);
    public static readonly DiagnosticDescriptor ContractNotPartialRecord = Create(RuleIds.ContractNotPartialRecord, MessageRules.ContractNotPartialRecord);
    public static readonly DiagnosticDescriptor UnsupportedMemberType = Create(RuleIds.UnsupportedMemberType, MessageRules.UnsupportedMemberType);
    public static readonly DiagnosticDescriptor NoContent = Create(RuleIds.NoContent, MessageRules.NoContent);
    public static readonly DiagnosticDescriptor EmptyValue = Create(RuleIds.EmptyValue, MessageRules.EmptyValue);
    public static readonly DiagnosticDescriptor GenericContract = Create(RuleIds.GenericContract, MessageRules.GenericContract);
    public static readonly DiagnosticDescriptor DuplicateMember = Create(RuleIds.DuplicateMember, MessageRules.DuplicateMember);

    public static DiagnosticDescriptor For(MessageRule rule) => rule.Id switch
    {
        RuleIds.TextTooLong => TextTooLong,
        RuleIds.ContractNotPartialRecord => ContractNotPartialRecord,
        RuleIds.UnsupportedMemberType => UnsupportedMemberType,
        RuleIds.NoContent => NoContent,
        RuleIds.EmptyValue => EmptyValue,
        RuleIds.GenericContract => GenericContract,
        _ => DuplicateMember,
    };

    private static DiagnosticDescriptor Create(string id, MessageRule rule)
        => new(id, rule.Title, rule.MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
