// Part of the one rules table (Rules/Table): compiled into the runtime library and linked as source into the
// generator. Only BCL types here: the generator targets netstandard2.0.
namespace InstagramMessaging.Rules;

/// <summary>The ids of the rules; each is also the id of the compile-time diagnostic that reports it.</summary>
#if INSTAGRAMMESSAGING_GENERATOR
internal
#else
public
#endif
static class RuleIds
{
    /// <summary>Text longer than 1000 UTF-8 bytes.</summary>
    public const string TextTooLong = "IGM001";

    /// <summary>More than 10 attachments in one message.</summary>
    public const string TooManyAttachments = "IGM002";

    /// <summary>A media type the attachment kind does not take.</summary>
    public const string MediaTypeNotSupported = "IGM003";

    /// <summary>The contract is not a partial record.</summary>
    public const string ContractNotPartialRecord = "IGM004";

    /// <summary>A URL that is not absolute http or https.</summary>
    public const string InvalidUrl = "IGM005";

    /// <summary>Content kinds the platform sends separately, in one contract.</summary>
    public const string MixedContent = "IGM006";

    /// <summary>Several attachments that are not all images.</summary>
    public const string SeveralNonImageAttachments = "IGM007";

    /// <summary>A contract attribute on a member type it does not support.</summary>
    public const string UnsupportedMemberType = "IGM008";

    /// <summary>The contract has no content member.</summary>
    public const string NoContent = "IGM009";

    /// <summary>A content value is null or empty.</summary>
    public const string EmptyValue = "IGM010";

    /// <summary>The contract is generic.</summary>
    public const string GenericContract = "IGM011";

    /// <summary>The same content attribute on several members.</summary>
    public const string DuplicateMember = "IGM012";

    /// <summary>More than 13 quick replies.</summary>
    public const string TooManyQuickReplies = "IGM013";

    /// <summary>A quick reply title longer than Instagram shows.</summary>
    public const string QuickReplyTitleTooLong = "IGM014";

    /// <summary>A template with too few or too many elements.</summary>
    public const string TemplateElementCount = "IGM015";

    /// <summary>A template text longer than Instagram accepts.</summary>
    public const string TemplateTextTooLong = "IGM016";

    /// <summary>Too few or too many buttons.</summary>
    public const string ButtonCount = "IGM017";

    /// <summary>An ice breaker or persistent menu setting Instagram refuses.</summary>
    public const string MessengerProfile = "IGM018";

    /// <summary>Media larger than Instagram accepts for its kind.</summary>
    public const string MediaTooLarge = "IGM019";

    /// <summary>A generic template element with nothing but a title.</summary>
    public const string GenericElementIncomplete = "IGM020";

    /// <summary>An <c>[InstagramMessage]</c> contract that is <c>file</c>-local (or nested in a <c>file</c>-local type).</summary>
    public const string FileLocalContract = "IGM021";

    /// <summary>A contract that declares a member whose name the generated code uses.</summary>
    public const string ReservedMemberName = "IGM022";
}
