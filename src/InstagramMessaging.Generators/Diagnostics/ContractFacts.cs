using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using InstagramMessaging.Generators.Model;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>
/// What the analyzers need to know of a type, read once per compilation by one <see cref="ContractReader.Read"/>
/// (shared by the declaration analyzer and the value analyzer through <see cref="ContractFactsCache"/>): whether
/// it is a contract, the problems of its declaration, its content members and their placeholders.
/// </summary>
internal sealed class ContractFacts
{
    public static readonly ContractFacts NotAContract = new(null, false, 0, System.Array.Empty<IPropertySymbol>(), System.Array.Empty<IPropertySymbol>(), System.Array.Empty<ContentKind>(), ImmutableArray<PlaceholderMember>.Empty, ImmutableArray<ContractProblem>.Empty);

    private readonly INamedTypeSymbol? _type;

    // The non-static candidate properties, the first of each name, in declaration order; and those with a content
    // kind, with it. A contract has a handful: a linear scan beats two dictionaries built per type.
    private readonly IPropertySymbol[] _byName;
    private readonly IPropertySymbol[] _content;
    private readonly ContentKind[] _kinds;

    // The positional constructor, once a site has shown it (compared by syntax, not found through the type's
    // constructors: listing those makes the compiler list every constructor again for each contract).
    private IMethodSymbol? _primary;

    private ContractFacts(INamedTypeSymbol? type, bool isButtonTemplate, int declaredQuickReplies, IPropertySymbol[] byName, IPropertySymbol[] content, ContentKind[] kinds, ImmutableArray<PlaceholderMember> placeholders, ImmutableArray<ContractProblem> problems)
    {
        _type = type;
        _byName = byName;
        _content = content;
        _kinds = kinds;
        IsButtonTemplate = isButtonTemplate;
        DeclaredQuickReplies = declaredQuickReplies;
        Placeholders = placeholders;
        Problems = problems;
        foreach (var kind in kinds)
        {
            if (kind == ContentKind.Image)
            {
                ImageMembers++;
            }
        }
    }

    public bool IsContract => _type is not null;

    public bool IsButtonTemplate { get; }

    /// <summary>How many <c>[QuickReply]</c> attributes the record carries.</summary>
    public int DeclaredQuickReplies { get; }

    /// <summary>Settable content members whose initializer is a placeholder that would be a violation if sent.</summary>
    public ImmutableArray<PlaceholderMember> Placeholders { get; }

    /// <summary>How many image members the contract has (several can add up to too many images).</summary>
    public int ImageMembers { get; }

    /// <summary>What makes the declaration an invalid contract (what the declaration analyzer reports).</summary>
    public ImmutableArray<ContractProblem> Problems { get; }

    public ContentKind? KindOf(IPropertySymbol property)
    {
        for (var i = 0; i < _content.Length; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(_content[i], property))
            {
                return _kinds[i];
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="constructor"/> is the record's positional constructor (declared by its header).</summary>
    public bool IsPrimary(IMethodSymbol? constructor)
    {
        if (constructor is null || _type is not { IsRecord: true })
        {
            return false;
        }

        if (ReferenceEquals(constructor, _primary))
        {
            return true;
        }

        if (constructor.MethodKind != MethodKind.Constructor || constructor.IsStatic || !SymbolEqualityComparer.Default.Equals(constructor.ContainingType, _type))
        {
            return false;
        }

        foreach (var reference in constructor.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is RecordDeclarationSyntax)
            {
                _primary = constructor;
                return true;
            }
        }

        return false;
    }

    public IPropertySymbol? PropertyFor(string parameterName)
    {
        foreach (var property in _byName)
        {
            if (property.Name == parameterName)
            {
                return property;
            }
        }

        return null;
    }

    public static ContractFacts Read(INamedTypeSymbol type, KnownTypes known, CancellationToken cancellationToken)
    {
        if (!known.IsContract(type))
        {
            return NotAContract;
        }

        // One read of the declaration gives both the problems and, through the callback, every candidate
        // property with its kind: only the properties written with an attribute (found through the syntax), or
        // the full walk for a button template and a type with a base other than object. A parameter whose
        // property is not among them maps to no property, which the checks treat as "not content".
        var byName = new List<IPropertySymbol>();
        var content = new List<IPropertySymbol>();
        var kinds = new List<ContentKind>();
        var placeholders = ImmutableArray.CreateBuilder<PlaceholderMember>();
        var problems = new List<ContractProblem>();
        ContractReader.Read(type, known, problems, cancellationToken, (property, kind) =>
        {
            if (property.IsStatic)
            {
                return;
            }

            if (!byName.Exists(p => p.Name == property.Name))
            {
                byName.Add(property);
            }

            if (kind is null)
            {
                return;
            }

            if (!content.Contains(property, SymbolEqualityComparer.Default))
            {
                content.Add(property);
                kinds.Add(kind.Value);
            }

            if (property.IsRequired || property.SetMethod is null)
            {
                return;
            }

            var placeholder = Diagnostics.Placeholders.OfDeclaration(property, cancellationToken);
            var violation = placeholder != Placeholder.None && ContentKinds.For(kind.Value).Placeholders switch
            {
                PlaceholderRule.None => false,
                PlaceholderRule.NullOrEmpty => placeholder is Placeholder.Null or Placeholder.Empty,
                PlaceholderRule.EmptyOnly => placeholder == Placeholder.Empty,
                PlaceholderRule.Any => true,
                var rule => throw new System.InvalidOperationException("PlaceholderRule " + rule + " is not handled."),
            };
            if (violation)
            {
                placeholders.Add(new PlaceholderMember(property, kind.Value, placeholder));
            }
        });

        var declaredQuickReplies = 0;
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownTypes.Is(attribute.AttributeClass, known.QuickReplyAttribute))
            {
                declaredQuickReplies++;
            }
        }

        return new ContractFacts(type, known.IsButtonTemplate(type), declaredQuickReplies, byName.ToArray(), content.ToArray(), kinds.ToArray(), placeholders.ToImmutable(), problems.ToImmutableArray());
    }
}
