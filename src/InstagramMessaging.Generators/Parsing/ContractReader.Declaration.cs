using System.Collections.Generic;
using System.Linq;
using System.Threading;
using InstagramMessaging.Generators.Model;
using InstagramMessaging.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InstagramMessaging.Generators.Parsing;

// Declaration checks: the problems of a contract declaration, reported with their locations and message
// arguments (the generator emits only for a contract with none; the declaration analyzer reports them).
internal static partial class ContractReader
{
    /// <summary>Names the generated half of every contract declares; a contract cannot declare them itself.</summary>
    public static readonly string[] ReservedNames = { "WriteTo", "ToJson", "Validate", "SendAsync", "__declaredQuickReplies" };

    // The analyzers see the generated half too. Its files are named by the driver
    // "<assembly>/InstagramMessaging.Generators.InstagramMessageGenerator/<hint>.g.cs": a string test, so no
    // attribute of a generated member has to be bound.
    private static bool IsGenerated(ISymbol member)
    {
        foreach (var location in member.Locations)
        {
            if (location.SourceTree?.FilePath is { } path && path.EndsWith(".g.cs", System.StringComparison.Ordinal)
                && path.IndexOf("InstagramMessaging.Generators.InstagramMessageGenerator", System.StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    // Where a problem of the whole type is reported: its first location, made only when there is one to report.
    private static Location? TypeLocation(INamedTypeSymbol type) => type.Locations.FirstOrDefault();

    // The declaration itself: a partial record, not generic, not file-local, no member named like a generated one.
    private static void CheckDeclaration(INamedTypeSymbol type, System.Action<MessageRule, Location?, object[]> report, CancellationToken cancellationToken)
    {
        if (!type.IsRecord || !IsPartial(type, cancellationToken) || !AllContainersPartial(type, cancellationToken))
        {
            report(MessageRules.ContractNotPartialRecord, TypeLocation(type), new object[] { type.Name });
        }

        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.TypeParameters.Length > 0)
            {
                report(MessageRules.GenericContract, TypeLocation(type), new object[] { type.Name });
                break;
            }
        }

        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsFileLocal)
            {
                report(MessageRules.FileLocalContract, TypeLocation(type), new object[] { type.Name });
                break;
            }
        }

        // Looked up by name: a dictionary lookup each. (Not through MemberNames: for a record Roslyn makes it by
        // listing every member, synthesized ones included, so each Contains was a walk over all of them.)
        foreach (var name in ReservedNames)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (!member.IsImplicitlyDeclared && !IsGenerated(member))
                {
                    report(MessageRules.ReservedMemberName, member.Locations.FirstOrDefault() ?? TypeLocation(type), new object[] { type.Name, member.Name });
                }
            }
        }
    }

    // Which message the contract describes, and whether its parts can travel in one request.
    private static void CheckCombination(INamedTypeSymbol type, List<ContentMemberSpec> members, bool hasDeclaredQuickReplies, bool isButtonTemplate, bool misplaced, System.Action<MessageRule, Location?, object[]> report)
    {
        // Which kinds are present, as bits, and what the media members add up to: one pass over the members
        // instead of one per kind, and no list made.
        var present = 0L;
        var mediaCount = 0;
        var anyOneOnly = false;
        var firstMediaIsCollection = false;
        var alwaysSent = 0;
        foreach (var member in members)
        {
            present |= 1L << (int)member.Kind;
            if (ContentKinds.For(member.Kind).Media is not { } media)
            {
                continue;
            }

            if (mediaCount++ == 0)
            {
                firstMediaIsCollection = member.IsCollection;
            }

            anyOneOnly |= !media.SeveralInOneMessage;

            // Image members that can never be empty (struct values) always send one image each.
            if (member.Kind == ContentKind.Image && (member.Shape == MemberShape.Struct || member.AlwaysPresent))
            {
                alwaysSent++;
            }
        }

        bool Has(ContentKind kind) => (present & (1L << (int)kind)) != 0;

        // The kinds of message the members make, in table order; a button template's text is its own kind. Only
        // the first two are ever named, so only they are kept (and how many there are).
        string? firstKind = null;
        string? secondKind = null;
        var kindCount = 0;
        foreach (var row in ContentKinds.All)
        {
            if (row.MessageKindName is { } name && Has(row.Kind) && name != firstKind && name != secondKind)
            {
                var kind = row.Kind == ContentKind.Text && isButtonTemplate ? "a button template" : name;
                if (kindCount == 0)
                {
                    firstKind = kind;
                }
                else if (kindCount == 1)
                {
                    secondKind = kind;
                }

                kindCount++;
            }
        }

        if (isButtonTemplate && !Has(ContentKind.Text) && !misplaced)
        {
            report(MessageRules.NoContent, TypeLocation(type), new object[] { type.Name });
            return;
        }

        if (kindCount == 0 && misplaced)
        {
            return;
        }

        if (kindCount == 0)
        {
            report(MessageRules.NoContent, TypeLocation(type), new object[] { type.Name });
            return;
        }

        if (kindCount > 1)
        {
            report(MessageRules.MixedContent, TypeLocation(type), new object[] { type.Name, firstKind!, secondKind! });
            return;
        }

        if ((Has(ContentKind.QuickReplies) || hasDeclaredQuickReplies) && (firstKind != "text"))
        {
            report(MessageRules.MixedContent, TypeLocation(type), new object[] { type.Name, "quick replies", firstKind! });
        }

        if (mediaCount > 0 && anyOneOnly && (mediaCount > 1 || firstMediaIsCollection))
        {
            report(MessageRules.SeveralNonImageAttachments, TypeLocation(type), new object[] { type.Name });
        }

        if (alwaysSent > MessageRules.MaxAttachments)
        {
            report(MessageRules.TooManyAttachments, TypeLocation(type), new object[] { type.Name, alwaysSent });
        }
    }
}
