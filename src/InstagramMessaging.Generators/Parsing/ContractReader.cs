using System.Collections.Generic;
using System.Linq;
using System.Threading;
using InstagramMessaging.Generators.Model;
using InstagramMessaging.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InstagramMessaging.Generators.Parsing;

/// <summary>
/// Reads a type marked <c>[InstagramMessage]</c>: its content members and every declaration-level problem.
/// The generator emits only for a contract with no problem; the declaration analyzer reports the problems.
/// Both read through here, so they can never disagree about what a valid contract is. By concern: spec building
/// (this file), declaration checks (<c>.Declaration</c>), kind facts (<c>.Kinds</c>) and symbol helpers (<c>.Symbols</c>).
/// </summary>
internal static partial class ContractReader
{
    /// <summary>
    /// Reads <paramref name="type"/>. The generator passes no <paramref name="problems"/> and gets the spec of a valid
    /// contract (null for an invalid one); the declaration analyzer passes a list, gets it filled, and no spec (it
    /// would throw it away).
    /// </summary>
    /// <remarks>
    /// <paramref name="onProperty"/>, when given, sees every candidate property with its content kind (null when it
    /// has none), static ones included: the analyzers derive their per-type facts from this one read.
    /// </remarks>
    public static ContractSpec? Read(INamedTypeSymbol type, KnownTypes known, List<ContractProblem>? problems, CancellationToken cancellationToken, System.Action<IPropertySymbol, ContentKind?>? onProperty = null)
    {
        var valid = true;
        void Report(MessageRule rule, Location? location, params object[] args)
        {
            valid = false;
            problems?.Add(new ContractProblem(rule, location, args));
        }

        // The type's location only when a problem is reported (a source type builds its locations at each call).
        System.Action<MessageRule, Location?, object[]> report = Report; // one delegate for both checks
        CheckDeclaration(type, report, cancellationToken);

        var isButtonTemplate = known.IsButtonTemplate(type);
        var quickReplies = ReadQuickReplyAttributes(type, known);
        var members = new List<ContentMemberSpec>();
        var seen = 0L; // the kinds already read, as bits (ContentKind has fewer than 64 values)
        var misplaced = false;
        var alwaysButtons = 0;
        foreach (var member in ContentCandidates(type, known, isButtonTemplate, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IPropertySymbol property)
            {
                continue;
            }

            var kind = GetContentKind(property, known, out var attribute);
            onProperty?.Invoke(property, kind);
            if (property.IsIndexer)
            {
                continue;
            }

            if (property.IsStatic)
            {
                // A static member is not part of a message: say so at the attribute, not "no content member".
                if (kind is { } staticKind)
                {
                    misplaced = true;
                    Report(MessageRules.UnsupportedMemberType, attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? property.Locations.FirstOrDefault(),
                        AttributeDisplayName(staticKind), property.Name, "static " + property.Type.ToDisplayString(), "instance properties of " + ContentKinds.For(staticKind).SupportedMemberTypes);
                }

                continue;
            }

            ContentMemberSpec? spec;
            if (kind is null)
            {
                // A button template takes its buttons from members of type Button or IReadOnlyList<Button>.
                spec = isButtonTemplate ? ReadButtonMember(property, known) : null;
                if (spec is not null && property.GetMethod is not null)
                {
                    members.Add(spec);
                    if (spec.Shape == MemberShape.Reference && property.NullableAnnotation != NullableAnnotation.Annotated)
                    {
                        alwaysButtons++;
                    }
                }

                continue;
            }

            // Made only when a problem is reported: a location is a syntax lookup and an allocation per member.
            Location? AttributeLocation() => attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? property.Locations.FirstOrDefault();
            spec = property.GetMethod is null ? null : ReadMember(kind.Value, property, known);
            if (spec is null)
            {
                misplaced = true;
                Report(MessageRules.UnsupportedMemberType, AttributeLocation(), AttributeDisplayName(kind.Value), property.Name, property.Type.ToDisplayString(), ContentKinds.For(kind.Value).SupportedMemberTypes);
                continue;
            }

            var bit = 1L << (int)kind.Value;
            var seenBefore = (seen & bit) != 0;
            seen |= bit;
            if (seenBefore && ContentKinds.For(kind.Value).Media is not { SeveralInOneMessage: true })
            {
                if (spec.IsMedia)
                {
                    Report(MessageRules.SeveralNonImageAttachments, AttributeLocation(), type.Name);
                }
                else
                {
                    Report(MessageRules.DuplicateMember, AttributeLocation(), AttributeDisplayName(kind.Value), type.Name, ContentKinds.For(kind.Value).Noun);
                }

                continue;
            }

            members.Add(spec);
        }

        // Button members that can never be null always send one button each; a button template takes 1 to 3.
        if (alwaysButtons > MessageRules.MaxTemplateButtons)
        {
            Report(MessageRules.ButtonCount, TypeLocation(type), type.Name, alwaysButtons, MessageRules.ButtonTemplateButtons);
        }

        // One mistake, one diagnostic: a content attribute on an unsupported member (IGM008) is not also "no content" (IGM009).
        CheckCombination(type, members, quickReplies is not null, isButtonTemplate, misplaced, report);

        if (!valid || problems is not null)
        {
            return null;
        }

        // Most contracts are top-level and declare no quick replies: no list is made for them.
        var containing = EquatableArray<ContainingTypeSpec>.Empty;
        if (type.ContainingType is not null)
        {
            var containers = new List<ContainingTypeSpec>();
            for (var t = type.ContainingType; t is not null; t = t.ContainingType)
            {
                containers.Insert(0, new ContainingTypeSpec(Keyword(t), EscapeIdentifier(t.Name)));
            }

            containing = new EquatableArray<ContainingTypeSpec>(containers);
        }

        return new ContractSpec(
            type.ContainingNamespace.IsGlobalNamespace ? null : known.DisplayName(type.ContainingNamespace),
            EscapeIdentifier(type.Name),
            Keyword(type),
            containing,
            new EquatableArray<ContentMemberSpec>(members),
            quickReplies is null ? EquatableArray<QuickReplySpec>.Empty : new EquatableArray<QuickReplySpec>(quickReplies),
            isButtonTemplate);
    }

    private static ContentMemberSpec? ReadMember(ContentKind kind, IPropertySymbol property, KnownTypes known)
    {
        var type = property.Type;
        var name = EscapeIdentifier(property.Name);
        switch (kind)
        {
            case ContentKind.Text:
            case ContentKind.ReplyTo:
            case ContentKind.MediaShare:
                return type.SpecialType == SpecialType.System_String ? new ContentMemberSpec(kind, name, property.Name) : null;
            case ContentKind.QuickReplies:
                return IsReadOnlyListOf(type, known.QuickReply, known) ? new ContentMemberSpec(kind, name, property.Name, Shape: MemberShape.List) : null;
            case ContentKind.GenericTemplate:
                return IsReadOnlyListOf(type, known.GenericElement, known) ? new ContentMemberSpec(kind, name, property.Name, Shape: MemberShape.List) : null;
            case ContentKind.ProductTemplate:
                return KnownTypes.IsConstructionOf(type, known.IReadOnlyList) && ((INamedTypeSymbol)type).TypeArguments[0].SpecialType == SpecialType.System_String
                    ? new ContentMemberSpec(kind, name, property.Name, Shape: MemberShape.List)
                    : null;
        }

        // Media: one value, or (images) a collection of them.
        if (ReadMediaValue(type, known, out var shape) is { } single)
        {
            // A non-nullable reference member with an initializer always holds an image.
            var alwaysPresent = shape == MemberShape.Reference && property.NullableAnnotation == NullableAnnotation.NotAnnotated && HasInitializer(property);
            return new ContentMemberSpec(kind, name, property.Name, single, shape, alwaysPresent);
        }

        var (element, collection) = type switch
        {
            IArrayTypeSymbol { Rank: 1 } array => (array.ElementType, MemberShape.Array),
            INamedTypeSymbol { TypeArguments.Length: 1 } generic => (generic.TypeArguments[0],
                KnownTypes.IsConstructionOf(generic, known.IReadOnlyList) || KnownTypes.IsConstructionOf(generic, known.List) ? MemberShape.List
                : KnownTypes.IsConstructionOf(generic, known.ImmutableArray) ? MemberShape.ImmutableArray
                : MemberShape.Reference),
            _ => (null, MemberShape.Reference),
        };

        if (element is null || collection == MemberShape.Reference || ReadMediaValue(element, known, out var elementShape) is not { } value || elementShape == MemberShape.NullableStruct)
        {
            return null;
        }

        return new ContentMemberSpec(kind, name, property.Name, value, collection);
    }

    private static bool HasInitializer(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is PropertyDeclarationSyntax { Initializer: not null })
            {
                return true;
            }
        }

        return false;
    }

    private static MediaValue? ReadMediaValue(ITypeSymbol type, KnownTypes known, out MemberShape shape)
    {
        shape = MemberShape.Reference;
        if (type.SpecialType == SpecialType.System_String)
        {
            return MediaValue.String;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
        {
            shape = MemberShape.NullableStruct;
            type = nullable.TypeArguments[0];
        }
        else if (type.IsValueType)
        {
            shape = MemberShape.Struct;
        }

        return KnownTypes.Is(type, known.Uri) && shape == MemberShape.Reference ? MediaValue.Uri
            : KnownTypes.Is(type, known.AttachmentId) ? MediaValue.AttachmentId
            : KnownTypes.Is(type, known.MediaSource) ? MediaValue.MediaSource
            : null;
    }

    private static ContentMemberSpec? ReadButtonMember(IPropertySymbol property, KnownTypes known)
    {
        var name = EscapeIdentifier(property.Name);
        if (KnownTypes.Is(property.Type, known.Button))
        {
            return new ContentMemberSpec(ContentKind.Button, name, property.Name);
        }

        return IsReadOnlyListOf(property.Type, known.Button, known) ? new ContentMemberSpec(ContentKind.Button, name, property.Name, Shape: MemberShape.List) : null;
    }

    // Null when the type declares none.
    private static List<QuickReplySpec>? ReadQuickReplyAttributes(INamedTypeSymbol type, KnownTypes known)
    {
        List<QuickReplySpec>? replies = null;
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownTypes.Is(attribute.AttributeClass, known.QuickReplyAttribute)
                && attribute.ConstructorArguments.Length == 2
                && attribute.ConstructorArguments[0].Value is string title && attribute.ConstructorArguments[1].Value is string payload)
            {
                (replies ??= new List<QuickReplySpec>()).Add(new QuickReplySpec(title, payload));
            }
        }

        return replies;
    }
}
