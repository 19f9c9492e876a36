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
/// Both read through here, so they can never disagree about what a valid contract is.
/// </summary>
internal static class ContractReader
{
    /// <summary>The content kind a member attribute declares; null for any other attribute.</summary>
    public static ContentKind? GetContentKind(INamedTypeSymbol? attributeClass)
    {
        if (!IsInRuntimeNamespace(attributeClass))
        {
            return null;
        }

        return ContentKinds.ForAttribute(attributeClass!.Name);
    }

    /// <summary>The content kind of a property, from its attributes; null when it has none of ours.</summary>
    public static ContentKind? GetContentKind(IPropertySymbol property, out AttributeData? attribute)
    {
        foreach (var candidate in property.GetAttributes())
        {
            if (GetContentKind(candidate.AttributeClass) is { } kind)
            {
                attribute = candidate;
                return kind;
            }
        }

        attribute = null;
        return null;
    }

    /// <summary>Names the generated half of every contract declares; a contract cannot declare them itself.</summary>
    public static bool IsReservedName(string name)
        => name is "WriteTo" or "ToJson" or "Validate" or "SendAsync" or "__declaredQuickReplies";

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

    /// <summary>
    /// The type's members, then those it inherits from base types that are not contracts themselves (a base
    /// contract's members belong to its own message): a [MessageText] on a base record's property is content.
    /// A member hidden or overridden by a more derived one, and a base's private members, are left out.
    /// </summary>
    public static IEnumerable<ISymbol> MembersWithInherited(INamedTypeSymbol type)
    {
        var names = new HashSet<string>();
        foreach (var member in type.GetMembers())
        {
            names.Add(member.Name);
            yield return member;
        }

        for (var baseType = type.BaseType; baseType is { SpecialType: SpecialType.None } && !IsContract(baseType); baseType = baseType.BaseType)
        {
            foreach (var member in baseType.GetMembers())
            {
                if (member is IPropertySymbol { DeclaredAccessibility: not Accessibility.Private } && names.Add(member.Name))
                {
                    yield return member;
                }
            }
        }
    }

    public static bool IsContract(INamedTypeSymbol type) => HasRecordAttribute(type, "InstagramMessageAttribute");

    public static bool IsButtonTemplate(INamedTypeSymbol type) => HasRecordAttribute(type, KnownNames.ButtonTemplateAttribute);

    /// <summary>Reads <paramref name="type"/>; returns its spec, or null with <paramref name="problems"/> filled.</summary>
    public static ContractSpec? Read(INamedTypeSymbol type, List<ContractProblem>? problems, CancellationToken cancellationToken)
    {
        var valid = true;
        void Report(MessageRule rule, Location? location, params object[] args)
        {
            valid = false;
            problems?.Add(new ContractProblem(rule, location, args));
        }

        var typeLocation = type.Locations.FirstOrDefault();
        if (!type.IsRecord || !IsPartial(type, cancellationToken) || !AllContainersPartial(type, cancellationToken))
        {
            Report(MessageRules.ContractNotPartialRecord, typeLocation, type.Name);
        }

        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.TypeParameters.Length > 0)
            {
                Report(MessageRules.GenericContract, typeLocation, type.Name);
                break;
            }
        }

        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsFileLocal)
            {
                Report(MessageRules.FileLocalContract, typeLocation, type.Name);
                break;
            }
        }

        foreach (var member in type.GetMembers())
        {
            if (!member.IsImplicitlyDeclared && IsReservedName(member.Name) && !IsGenerated(member))
            {
                Report(MessageRules.ReservedMemberName, member.Locations.FirstOrDefault() ?? typeLocation, type.Name, member.Name);
            }
        }

        var isButtonTemplate = HasRecordAttribute(type, KnownNames.ButtonTemplateAttribute);
        var quickReplies = ReadQuickReplyAttributes(type);
        var members = new List<ContentMemberSpec>();
        var seen = new HashSet<ContentKind>();
        var misplaced = false;
        var alwaysButtons = 0;
        foreach (var member in MembersWithInherited(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IPropertySymbol { IsIndexer: false } property)
            {
                continue;
            }

            if (property.IsStatic)
            {
                // A static member is not part of a message: say so at the attribute, not "no content member".
                if (GetContentKind(property, out var staticAttribute) is { } staticKind)
                {
                    misplaced = true;
                    Report(MessageRules.UnsupportedMemberType, staticAttribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? property.Locations.FirstOrDefault(),
                        AttributeDisplayName(staticKind), property.Name, "static " + property.Type.ToDisplayString(), "instance properties of " + ContentKinds.For(staticKind).SupportedMemberTypes);
                }

                continue;
            }

            ContentMemberSpec? spec;
            var kind = GetContentKind(property, out var attribute);
            if (kind is null)
            {
                // A button template takes its buttons from members of type Button or IReadOnlyList<Button>.
                spec = isButtonTemplate ? ReadButtonMember(property) : null;
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

            var attributeLocation = attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? property.Locations.FirstOrDefault();
            spec = property.GetMethod is null ? null : ReadMember(kind.Value, property);
            if (spec is null)
            {
                misplaced = true;
                Report(MessageRules.UnsupportedMemberType, attributeLocation, AttributeDisplayName(kind.Value), property.Name, property.Type.ToDisplayString(), ContentKinds.For(kind.Value).SupportedMemberTypes);
                continue;
            }

            if (!seen.Add(kind.Value) && ContentKinds.For(kind.Value).Media is not { SeveralInOneMessage: true })
            {
                if (spec.IsMedia)
                {
                    Report(MessageRules.SeveralNonImageAttachments, attributeLocation, type.Name);
                }
                else
                {
                    Report(MessageRules.DuplicateMember, attributeLocation, AttributeDisplayName(kind.Value), type.Name, ContentKinds.For(kind.Value).Noun);
                }

                continue;
            }

            members.Add(spec);
        }

        // Button members that can never be null always send one button each; a button template takes 1 to 3.
        if (alwaysButtons > MessageRules.MaxTemplateButtons)
        {
            Report(MessageRules.ButtonCount, typeLocation, type.Name, alwaysButtons, MessageRules.ButtonTemplateButtons);
        }

        // One mistake, one diagnostic: a content attribute on an unsupported member (IGM008) is not also "no content" (IGM009).
        CheckCombination(type, typeLocation, members, quickReplies.Count > 0, isButtonTemplate, misplaced, Report);

        if (!valid)
        {
            return null;
        }

        var containing = new List<ContainingTypeSpec>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(Keyword(t), EscapeIdentifier(t.Name)));
        }

        return new ContractSpec(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            EscapeIdentifier(type.Name),
            Keyword(type),
            new EquatableArray<ContainingTypeSpec>(containing),
            new EquatableArray<ContentMemberSpec>(members),
            new EquatableArray<QuickReplySpec>(quickReplies),
            isButtonTemplate);
    }

    // Which message the contract describes, and whether its parts can travel in one request.
    private static void CheckCombination(INamedTypeSymbol type, Location? location, List<ContentMemberSpec> members, bool hasDeclaredQuickReplies, bool isButtonTemplate, bool misplaced, System.Action<MessageRule, Location?, object[]> report)
    {
        bool Has(ContentKind kind) => members.Any(m => m.Kind == kind);
        var media = members.Where(m => m.IsMedia).ToList();

        // The kinds of message the members make, in table order; a button template's text is its own kind.
        var kinds = new List<string>();
        foreach (var row in ContentKinds.All)
        {
            if (row.MessageKindName is { } name && Has(row.Kind) && !kinds.Contains(name))
            {
                kinds.Add(row.Kind == ContentKind.Text && isButtonTemplate ? "a button template" : name);
            }
        }

        if (isButtonTemplate && !Has(ContentKind.Text) && !misplaced)
        {
            report(MessageRules.NoContent, location, new object[] { type.Name });
            return;
        }

        if (kinds.Count == 0 && misplaced)
        {
            return;
        }

        if (kinds.Count == 0)
        {
            report(MessageRules.NoContent, location, new object[] { type.Name });
            return;
        }

        if (kinds.Count > 1)
        {
            report(MessageRules.MixedContent, location, new object[] { type.Name, kinds[0], kinds[1] });
            return;
        }

        if ((Has(ContentKind.QuickReplies) || hasDeclaredQuickReplies) && (kinds[0] != "text"))
        {
            report(MessageRules.MixedContent, location, new object[] { type.Name, "quick replies", kinds[0] });
        }

        if (media.Count > 0 && media.Any(m => !ContentKinds.For(m.Kind).Media!.SeveralInOneMessage) && (media.Count > 1 || media[0].IsCollection))
        {
            report(MessageRules.SeveralNonImageAttachments, location, new object[] { type.Name });
        }

        // Image members that can never be empty (struct values) always send one image each.
        var alwaysSent = media.Count(m => m.Kind == ContentKind.Image && (m.Shape == MemberShape.Struct || m.AlwaysPresent));
        if (alwaysSent > MessageRules.MaxAttachments)
        {
            report(MessageRules.TooManyAttachments, location, new object[] { type.Name, alwaysSent });
        }
    }

    private static ContentMemberSpec? ReadMember(ContentKind kind, IPropertySymbol property)
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
                return IsReadOnlyListOf(type, KnownNames.QuickReply) ? new ContentMemberSpec(kind, name, property.Name, Shape: MemberShape.List) : null;
            case ContentKind.GenericTemplate:
                return IsReadOnlyListOf(type, KnownNames.GenericElement) ? new ContentMemberSpec(kind, name, property.Name, Shape: MemberShape.List) : null;
            case ContentKind.ProductTemplate:
                return type is INamedTypeSymbol { TypeArguments.Length: 1 } list && list.TypeArguments[0].SpecialType == SpecialType.System_String && FullName(type.OriginalDefinition) == KnownNames.IReadOnlyList
                    ? new ContentMemberSpec(kind, name, property.Name, Shape: MemberShape.List)
                    : null;
        }

        // Media: one value, or (images) a collection of them.
        if (ReadMediaValue(type, out var shape) is { } single)
        {
            // A non-nullable reference member with an initializer always holds an image.
            var alwaysPresent = shape == MemberShape.Reference && property.NullableAnnotation == NullableAnnotation.NotAnnotated && HasInitializer(property);
            return new ContentMemberSpec(kind, name, property.Name, single, shape, alwaysPresent);
        }

        var (element, collection) = type switch
        {
            IArrayTypeSymbol { Rank: 1 } array => (array.ElementType, MemberShape.Array),
            INamedTypeSymbol { TypeArguments.Length: 1 } generic => (generic.TypeArguments[0], FullName(generic.OriginalDefinition) switch
            {
                KnownNames.IReadOnlyList or KnownNames.List => MemberShape.List,
                KnownNames.ImmutableArray => MemberShape.ImmutableArray,
                _ => MemberShape.Reference,
            }),
            _ => (null, MemberShape.Reference),
        };

        if (element is null || collection == MemberShape.Reference || ReadMediaValue(element, out var elementShape) is not { } value || elementShape == MemberShape.NullableStruct)
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

    private static MediaValue? ReadMediaValue(ITypeSymbol type, out MemberShape shape)
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

        return FullName(type) switch
        {
            KnownNames.Uri when shape == MemberShape.Reference => MediaValue.Uri,
            KnownNames.AttachmentId => MediaValue.AttachmentId,
            KnownNames.MediaSource => MediaValue.MediaSource,
            _ => null,
        };
    }

    private static ContentMemberSpec? ReadButtonMember(IPropertySymbol property)
    {
        var name = EscapeIdentifier(property.Name);
        if (FullName(property.Type) == KnownNames.Button)
        {
            return new ContentMemberSpec(ContentKind.Button, name, property.Name);
        }

        return IsReadOnlyListOf(property.Type, KnownNames.Button) ? new ContentMemberSpec(ContentKind.Button, name, property.Name, Shape: MemberShape.List) : null;
    }

    private static List<QuickReplySpec> ReadQuickReplyAttributes(INamedTypeSymbol type)
    {
        var replies = new List<QuickReplySpec>();
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: KnownNames.QuickReplyAttribute } attributeClass && IsInRuntimeNamespace(attributeClass)
                && attribute.ConstructorArguments.Length == 2
                && attribute.ConstructorArguments[0].Value is string title && attribute.ConstructorArguments[1].Value is string payload)
            {
                replies.Add(new QuickReplySpec(title, payload));
            }
        }

        return replies;
    }

    private static bool IsReadOnlyListOf(ITypeSymbol type, string elementName)
        => type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && FullName(named.OriginalDefinition) == KnownNames.IReadOnlyList
            && FullName(named.TypeArguments[0]) == elementName;

    private static string FullName(ITypeSymbol type)
        => type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;

    private static bool IsInRuntimeNamespace(INamedTypeSymbol? type)
        => type?.ContainingNamespace is { Name: KnownNames.Namespace, ContainingNamespace.IsGlobalNamespace: true };

    private static bool HasRecordAttribute(INamedTypeSymbol type, string attributeName)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && attributeClass.Name == attributeName && IsInRuntimeNamespace(attributeClass))
            {
                return true;
            }
        }

        return false;
    }

    public static string AttributeDisplayName(ContentKind kind) => ContentKinds.For(kind).AttributeDisplayName;

    internal static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool AllContainersPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            if (!IsPartial(t, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    internal static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, IsValueType: true } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    internal static string EscapeIdentifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
