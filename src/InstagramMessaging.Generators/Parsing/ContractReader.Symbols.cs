using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InstagramMessaging.Generators.Parsing;

// Symbol helpers shared by the reader, the routing reader and the analyzers.
internal static partial class ContractReader
{
    /// <summary>
    /// The members that can be content, found through syntax first: only properties written with an attribute (a
    /// positional parameter with attribute lists, or a property declaration with attribute lists) are bound and
    /// read. A button template (whose buttons carry no attribute) and a type with a base other than object (whose
    /// inherited members count) take the full walk of <see cref="MembersWithInherited"/>.
    /// </summary>
    public static IEnumerable<ISymbol> ContentCandidates(INamedTypeSymbol type, KnownTypes known, bool isButtonTemplate, CancellationToken cancellationToken)
    {
        if (isButtonTemplate || type.BaseType is { SpecialType: SpecialType.None } baseType && !known.IsContract(baseType))
        {
            return MembersWithInherited(type, known);
        }

        List<string>? names = null;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            if (declaration.ParameterList is { } parameters)
            {
                foreach (var parameter in parameters.Parameters)
                {
                    if (parameter.AttributeLists.Count > 0)
                    {
                        Add(ref names, parameter.Identifier.ValueText);
                    }
                }
            }

            foreach (var member in declaration.Members)
            {
                if (member is PropertyDeclarationSyntax { AttributeLists.Count: > 0 } property)
                {
                    Add(ref names, property.Identifier.ValueText);
                }
            }
        }

        if (names is null)
        {
            return System.Array.Empty<ISymbol>();
        }

        // In declaration order (each part: positional parameters, then body properties), as the full walk gives them.
        var candidates = new List<ISymbol>(names.Count);
        foreach (var name in names)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol && !candidates.Contains(member, SymbolEqualityComparer.Default))
                {
                    candidates.Add(member);
                }
            }
        }

        return candidates;

        static void Add(ref List<string>? list, string name)
        {
            list ??= new List<string>();
            if (!list.Contains(name))
            {
                list.Add(name);
            }
        }
    }

    /// <summary>
    /// The type's members, then those it inherits from base types that are not contracts themselves (a base
    /// contract's members belong to its own message): a [MessageText] on a base record's property is content.
    /// A member hidden or overridden by a more derived one, and a base's private members, are left out.
    /// </summary>
    public static IEnumerable<ISymbol> MembersWithInherited(INamedTypeSymbol type, KnownTypes known)
    {
        var own = type.GetMembers();
        foreach (var member in own)
        {
            yield return member;
        }

        // Most contracts derive from object: the set of hidden names is built only when there is a base to walk.
        HashSet<string>? names = null;
        for (var baseType = type.BaseType; baseType is { SpecialType: SpecialType.None } && !known.IsContract(baseType); baseType = baseType.BaseType)
        {
            if (names is null)
            {
                names = new HashSet<string>();
                foreach (var member in own)
                {
                    names.Add(member.Name);
                }
            }

            foreach (var member in baseType.GetMembers())
            {
                if (member is IPropertySymbol { DeclaredAccessibility: not Accessibility.Private } && names.Add(member.Name))
                {
                    yield return member;
                }
            }
        }
    }

    private static bool IsReadOnlyListOf(ITypeSymbol type, INamedTypeSymbol? element, KnownTypes known)
        => KnownTypes.IsConstructionOf(type, known.IReadOnlyList) && KnownTypes.Is(((INamedTypeSymbol)type).TypeArguments[0], element);

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
