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
    /// <summary>The content kind of a property, from its attributes; null when it has none of ours.</summary>
    public static ContentKind? GetContentKind(IPropertySymbol property, out AttributeData? attribute)
    {
        foreach (var candidate in property.GetAttributes())
        {
            var kind = GetContentKind(candidate.AttributeClass);
            if (kind is not null)
            {
                attribute = candidate;
                return kind;
            }
        }

        attribute = null;
        return null;
    }

    public static ContentKind? GetContentKind(INamedTypeSymbol? attributeClass)
    {
        if (attributeClass?.ContainingNamespace is not { Name: KnownNames.Namespace, ContainingNamespace.IsGlobalNamespace: true })
        {
            return null;
        }

        return attributeClass.Name switch
        {
            KnownNames.MessageText => ContentKind.Text,
            KnownNames.ReplyTo => ContentKind.ReplyTo,
            _ => null,
        };
    }

    public static bool IsContract(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "InstagramMessageAttribute", ContainingNamespace: { Name: KnownNames.Namespace, ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }
        }

        return false;
    }

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

        var members = new List<ContentMemberSpec>();
        var seen = new HashSet<ContentKind>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IPropertySymbol property || GetContentKind(property, out var attribute) is not { } kind)
            {
                continue;
            }

            var attributeLocation = attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? property.Locations.FirstOrDefault();
            if (!IsSupportedType(kind, property))
            {
                Report(MessageRules.UnsupportedMemberType, attributeLocation, AttributeDisplayName(kind), property.Name, property.Type.ToDisplayString(), SupportedTypesText(kind));
                continue;
            }

            if (!seen.Add(kind))
            {
                Report(MessageRules.DuplicateMember, attributeLocation, AttributeDisplayName(kind), type.Name, ContentNoun(kind));
                continue;
            }

            members.Add(new ContentMemberSpec(kind, EscapeIdentifier(property.Name), property.Name));
        }

        if (!seen.Contains(ContentKind.Text))
        {
            Report(MessageRules.NoContent, typeLocation, type.Name);
        }

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
            new EquatableArray<ContentMemberSpec>(members));
    }

    public static string AttributeDisplayName(ContentKind kind) => kind switch
    {
        ContentKind.Text => "MessageText",
        _ => "ReplyTo",
    };

    private static string ContentNoun(ContentKind kind) => kind switch
    {
        ContentKind.Text => "text",
        _ => "reply_to message id",
    };

    private static string SupportedTypesText(ContentKind kind) => kind switch
    {
        _ => "string",
    };

    private static bool IsSupportedType(ContentKind kind, IPropertySymbol property)
        => !property.IsStatic && !property.IsIndexer && property.GetMethod is not null
            && kind switch
            {
                _ => property.Type.SpecialType == SpecialType.System_String,
            };

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
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

    private static bool AllContainersPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
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

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, IsValueType: true } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string EscapeIdentifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.RecordKeyword
            ? "@" + name
            : name;
}
