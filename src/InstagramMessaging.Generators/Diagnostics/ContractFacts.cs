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
/// What the value analyzer needs to know of a type, read once per compilation (not at every construction site):
/// whether it is a contract, its positional constructor, its content members and their placeholders.
/// </summary>
internal sealed class ContractFacts
{
    public static readonly ContractFacts NotAContract = new(false, false, 0, null, new Dictionary<IPropertySymbol, ContentKind>(SymbolEqualityComparer.Default), new Dictionary<string, IPropertySymbol>(), ImmutableArray<PlaceholderMember>.Empty);

    private readonly Dictionary<IPropertySymbol, ContentKind> _kinds;
    private readonly Dictionary<string, IPropertySymbol> _byName;

    private ContractFacts(bool isContract, bool isButtonTemplate, int declaredQuickReplies, IMethodSymbol? primaryConstructor, Dictionary<IPropertySymbol, ContentKind> kinds, Dictionary<string, IPropertySymbol> byName, ImmutableArray<PlaceholderMember> placeholders)
    {
        _byName = byName;
        ImageMembers = kinds.Values.Count(k => k == ContentKind.Image);
        IsContract = isContract;
        IsButtonTemplate = isButtonTemplate;
        DeclaredQuickReplies = declaredQuickReplies;
        PrimaryConstructor = primaryConstructor;
        _kinds = kinds;
        Placeholders = placeholders;
    }

    public bool IsContract { get; }

    public bool IsButtonTemplate { get; }

    /// <summary>How many <c>[QuickReply]</c> attributes the record carries.</summary>
    public int DeclaredQuickReplies { get; }

    /// <summary>The record's positional constructor, which ties each parameter to the property of its name.</summary>
    public IMethodSymbol? PrimaryConstructor { get; }

    /// <summary>Settable content members whose initializer is a placeholder that would be a violation if sent.</summary>
    public ImmutableArray<PlaceholderMember> Placeholders { get; }

    /// <summary>How many image members the contract has (several can add up to too many images).</summary>
    public int ImageMembers { get; }

    public ContentKind? KindOf(IPropertySymbol property) => _kinds.TryGetValue(property, out var kind) ? kind : null;

    public bool IsPrimary(IMethodSymbol? constructor) => constructor is not null && SymbolEqualityComparer.Default.Equals(constructor, PrimaryConstructor);

    public IPropertySymbol? PropertyFor(string parameterName) => _byName.TryGetValue(parameterName, out var property) ? property : null;

    public static ContractFacts Read(INamedTypeSymbol type, KnownTypes known, CancellationToken cancellationToken)
    {
        if (!known.IsContract(type))
        {
            return NotAContract;
        }

        var kinds = new Dictionary<IPropertySymbol, ContentKind>(SymbolEqualityComparer.Default);
        var byName = new Dictionary<string, IPropertySymbol>();
        var placeholders = ImmutableArray.CreateBuilder<PlaceholderMember>();

        // Only the members that can matter, as the generator reads them: the properties written with an attribute
        // (found through the syntax, no walk over the record's synthesized members). A button template, whose
        // buttons need no attribute, and a type with a base other than object keep the full walk. A parameter
        // whose property is not among them maps to no property, which the checks treat as "not content".
        var isButtonTemplate = known.IsButtonTemplate(type);
        foreach (var member in ContractReader.ContentCandidates(type, known, isButtonTemplate, cancellationToken))
        {
            if (member is not IPropertySymbol { IsStatic: false } property)
            {
                continue;
            }

            if (!byName.ContainsKey(property.Name))
            {
                byName[property.Name] = property;
            }

            if (ContractReader.GetContentKind(property, known, out _) is not { } kind)
            {
                continue;
            }

            kinds[property] = kind;
            if (property.IsRequired || property.SetMethod is null)
            {
                continue;
            }

            var placeholder = Diagnostics.Placeholders.OfDeclaration(property, cancellationToken);
            var violation = placeholder != Placeholder.None && ContentKinds.For(kind).Placeholders switch
            {
                PlaceholderRule.None => false,
                PlaceholderRule.NullOrEmpty => placeholder is Placeholder.Null or Placeholder.Empty,
                PlaceholderRule.EmptyOnly => placeholder == Placeholder.Empty,
                PlaceholderRule.Any => true,
                var rule => throw new System.InvalidOperationException("PlaceholderRule " + rule + " is not handled."),
            };
            if (violation)
            {
                placeholders.Add(new PlaceholderMember(property, kind, placeholder));
            }
        }

        IMethodSymbol? primary = null;
        if (type.IsRecord)
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                if (constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is RecordDeclarationSyntax))
                {
                    primary = constructor;
                    break;
                }
            }
        }

        var declaredQuickReplies = type.GetAttributes().Count(a => KnownTypes.Is(a.AttributeClass, known.QuickReplyAttribute));
        return new ContractFacts(true, isButtonTemplate, declaredQuickReplies, primary, kinds, byName, placeholders.ToImmutable());
    }
}
