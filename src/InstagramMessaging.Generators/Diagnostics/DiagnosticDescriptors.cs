using System.Collections.Generic;
using System.Linq;
using InstagramMessaging.Rules;
using Microsoft.CodeAnalysis;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>Every diagnostic the package reports; words and ids come from the rules table.</summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "InstagramMessaging";
    public const string HelpLinkBase = "https://github.com/instagram-messaging/InstagramMessaging/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor TextTooLong = Create(RuleIds.TextTooLong, MessageRules.TextTooLong);
    public static readonly DiagnosticDescriptor TooManyAttachments = Create(RuleIds.TooManyAttachments, MessageRules.TooManyAttachments);
    public static readonly DiagnosticDescriptor MediaTypeNotSupported = Create(RuleIds.MediaTypeNotSupported, MessageRules.MediaTypeNotSupported);
    public static readonly DiagnosticDescriptor ContractNotPartialRecord = Create(RuleIds.ContractNotPartialRecord, MessageRules.ContractNotPartialRecord);
    public static readonly DiagnosticDescriptor InvalidUrl = Create(RuleIds.InvalidUrl, MessageRules.InvalidUrl);
    public static readonly DiagnosticDescriptor MixedContent = Create(RuleIds.MixedContent, MessageRules.MixedContent);
    public static readonly DiagnosticDescriptor SeveralNonImageAttachments = Create(RuleIds.SeveralNonImageAttachments, MessageRules.SeveralNonImageAttachments);
    public static readonly DiagnosticDescriptor UnsupportedMemberType = Create(RuleIds.UnsupportedMemberType, MessageRules.UnsupportedMemberType);
    public static readonly DiagnosticDescriptor NoContent = Create(RuleIds.NoContent, MessageRules.NoContent);
    public static readonly DiagnosticDescriptor EmptyValue = Create(RuleIds.EmptyValue, MessageRules.EmptyValue);
    public static readonly DiagnosticDescriptor GenericContract = Create(RuleIds.GenericContract, MessageRules.GenericContract);
    public static readonly DiagnosticDescriptor DuplicateMember = Create(RuleIds.DuplicateMember, MessageRules.DuplicateMember);
    public static readonly DiagnosticDescriptor TooManyQuickReplies = Create(RuleIds.TooManyQuickReplies, MessageRules.TooManyQuickReplies);
    public static readonly DiagnosticDescriptor QuickReplyTitleTooLong = Create(RuleIds.QuickReplyTitleTooLong, MessageRules.QuickReplyTitleTooLong, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor TemplateElementCount = Create(RuleIds.TemplateElementCount, MessageRules.TemplateElementCount);
    public static readonly DiagnosticDescriptor TemplateTextTooLong = Create(RuleIds.TemplateTextTooLong, MessageRules.TemplateTextTooLong);
    public static readonly DiagnosticDescriptor ButtonCount = Create(RuleIds.ButtonCount, MessageRules.ButtonCount);
    public static readonly DiagnosticDescriptor MessengerProfile = Create(RuleIds.MessengerProfile, MessageRules.MessengerProfile);
    public static readonly DiagnosticDescriptor MediaTooLarge = Create(RuleIds.MediaTooLarge, MessageRules.MediaTooLarge);
    public static readonly DiagnosticDescriptor GenericElementIncomplete = Create(RuleIds.GenericElementIncomplete, MessageRules.GenericElementIncomplete);
    public static readonly DiagnosticDescriptor FileLocalContract = Create(RuleIds.FileLocalContract, MessageRules.FileLocalContract);
    public static readonly DiagnosticDescriptor ReservedMemberName = Create(RuleIds.ReservedMemberName, MessageRules.ReservedMemberName);

    // Typed routing: not message rules, so not in the rules table.
    public static readonly DiagnosticDescriptor UnsentPayload = new(
        "IGM030", "Handler for a payload nothing sends",
        "Nothing in this compilation sends the {0} payload \"{1}\"{2}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "A typo in the payload, or a dead handler: no [QuickReply], new QuickReply, Button.Postback or new IceBreaker with a constant payload sends it.",
        helpLinkUri: HelpLinkBase + "IGM030.md", customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor DuplicateRoute = new(
        "IGM031", "Two handlers for the same payload",
        "{0} is already routed to '{1}'; '{2}' would never run",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "IGM031.md");

    public static readonly DiagnosticDescriptor UnroutedPayload = new(
        "IGM032", "Payload sent but not routed",
        "The app sends the {0} payload \"{1}\" but no {2} handler routes it",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "A customer who taps it gets no answer. Reported only when the compilation has an [InstagramWebhookHandler] class.",
        helpLinkUri: HelpLinkBase + "IGM032.md", customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor UncallableHandler = new(
        "IGM033", "Handler routing cannot call",
        "Routing cannot call '{0}': {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + "IGM033.md");

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = new[]
    {
        TextTooLong, TooManyAttachments, MediaTypeNotSupported, ContractNotPartialRecord, InvalidUrl, MixedContent,
        SeveralNonImageAttachments, UnsupportedMemberType, NoContent, EmptyValue, GenericContract, DuplicateMember,
        TooManyQuickReplies, QuickReplyTitleTooLong, TemplateElementCount, TemplateTextTooLong, ButtonCount, MessengerProfile,
        MediaTooLarge, GenericElementIncomplete,
        FileLocalContract, ReservedMemberName,
    }.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor For(MessageRule rule) => s_byId[rule.Id];

    private static DiagnosticDescriptor Create(string id, MessageRule rule, DiagnosticSeverity severity = DiagnosticSeverity.Error)
        => new(id, rule.Title, rule.MessageFormat, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
