// This file is the one rules table. It is compiled into the runtime library and linked as source into the
// generator, so the analyzers, the generated Validate() and the docs read every limit from here.
using System.Text;

namespace InstagramMessaging.Rules;

/// <summary>The ids of the rules; each is also the id of the compile-time diagnostic that reports it.</summary>
public static class RuleIds
{
    /// <summary>Text longer than 1000 UTF-8 bytes.</summary>
    public const string TextTooLong = "IGM001";

    /// <summary>The contract is not a partial record.</summary>
    public const string ContractNotPartialRecord = "IGM004";

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
}

/// <summary>Every limit Instagram puts on a message, and the rule that enforces it.</summary>
public static class MessageRules
{
    /// <summary>Instagram rejects a text longer than this many UTF-8 bytes (not characters: an emoji is 4).</summary>
    public const int MaxTextUtf8Bytes = 1000;

    /// <summary>IGM001: text longer than <see cref="MaxTextUtf8Bytes"/> UTF-8 bytes.</summary>
    public static MessageRule TextTooLong { get; } = new(
        RuleIds.TextTooLong,
        "Message text is longer than 1000 UTF-8 bytes",
        "'{0}' is {1} UTF-8 bytes long; Instagram accepts at most 1000 bytes of text");

    /// <summary>IGM004: a contract that is not a partial record.</summary>
    public static MessageRule ContractNotPartialRecord { get; } = new(
        RuleIds.ContractNotPartialRecord,
        "Message contract must be a partial record",
        "'{0}' must be declared as a 'partial record' (and every type containing it as 'partial') to be an [InstagramMessage] contract");

    /// <summary>IGM008: a contract attribute on a member type it does not support.</summary>
    public static MessageRule UnsupportedMemberType { get; } = new(
        RuleIds.UnsupportedMemberType,
        "Contract attribute on an unsupported member type",
        "[{0}] cannot be used on '{1}' of type '{2}'; it supports {3}");

    /// <summary>IGM009: a contract with no content member.</summary>
    public static MessageRule NoContent { get; } = new(
        RuleIds.NoContent,
        "Message contract has no content",
        "'{0}' has no content member; mark a string property with [MessageText]");

    /// <summary>IGM010: a content value that is null or empty.</summary>
    public static MessageRule EmptyValue { get; } = new(
        RuleIds.EmptyValue,
        "Message value is null or empty",
        "'{0}' is {1}; Instagram rejects an empty {2}");

    /// <summary>IGM011: a generic contract.</summary>
    public static MessageRule GenericContract { get; } = new(
        RuleIds.GenericContract,
        "Message contract cannot be generic",
        "'{0}' is generic; an [InstagramMessage] contract and the types containing it cannot have type parameters");

    /// <summary>IGM012: the same content attribute on several members.</summary>
    public static MessageRule DuplicateMember { get; } = new(
        RuleIds.DuplicateMember,
        "Content attribute used on more than one member",
        "[{0}] is on more than one member of '{1}'; a message has one {2}");

    /// <summary>The UTF-8 length Instagram measures text by.</summary>
    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>Whether <paramref name="text"/> is longer than Instagram accepts.</summary>
    public static bool IsTextTooLong(string text) => Utf8Length(text) > MaxTextUtf8Bytes;
}
