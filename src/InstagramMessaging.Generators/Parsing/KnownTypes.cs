using System.Collections.Generic;
using System.Runtime.CompilerServices;
using InstagramMessaging.Generators.Model;
using Microsoft.CodeAnalysis;

namespace InstagramMessaging.Generators.Parsing;

/// <summary>
/// The runtime library's types (and the few BCL types contracts use), resolved once per compilation and compared
/// as symbols: the one answer to "is this one of ours?" for the generator and every analyzer.
/// </summary>
internal sealed class KnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, KnownTypes> s_byCompilation = new();

    private readonly Dictionary<INamedTypeSymbol, ContentKind> _contentAttributes = new(SymbolEqualityComparer.Default);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<INamespaceSymbol, string> _namespaceNames = new(SymbolEqualityComparer.Default);

    private KnownTypes(Compilation compilation, INamedTypeSymbol instagramMessageAttribute)
    {
        InstagramMessageAttribute = instagramMessageAttribute;
        ButtonTemplateAttribute = compilation.GetTypeByMetadataName(KnownNames.ButtonTemplateAttribute);
        QuickReplyAttribute = compilation.GetTypeByMetadataName(KnownNames.QuickReplyAttribute);
        AttachmentId = compilation.GetTypeByMetadataName(KnownNames.AttachmentId);
        MediaSource = compilation.GetTypeByMetadataName(KnownNames.MediaSource);
        QuickReply = compilation.GetTypeByMetadataName(KnownNames.QuickReply);
        GenericElement = compilation.GetTypeByMetadataName(KnownNames.GenericElement);
        Button = compilation.GetTypeByMetadataName(KnownNames.Button);
        IceBreaker = compilation.GetTypeByMetadataName(KnownNames.IceBreaker);
        IceBreakerSet = compilation.GetTypeByMetadataName(KnownNames.IceBreakerSet);
        InstagramMessenger = compilation.GetTypeByMetadataName(KnownNames.InstagramMessenger);
        Uri = compilation.GetTypeByMetadataName(KnownNames.Uri);
        IReadOnlyList = compilation.GetTypeByMetadataName(KnownNames.IReadOnlyList);
        List = compilation.GetTypeByMetadataName(KnownNames.List);
        ImmutableArray = compilation.GetTypeByMetadataName(KnownNames.ImmutableArray);
        ImmutableArrayFactory = compilation.GetTypeByMetadataName(KnownNames.ImmutableArrayFactory);
        foreach (var row in ContentKinds.All)
        {
            if (row.AttributeName is { } name && compilation.GetTypeByMetadataName(KnownNames.Namespace + "." + name) is { } attribute)
            {
                _contentAttributes[attribute] = row.Kind;
            }
        }
    }

    public INamedTypeSymbol InstagramMessageAttribute { get; }

    public INamedTypeSymbol? ButtonTemplateAttribute { get; }

    public INamedTypeSymbol? QuickReplyAttribute { get; }

    public INamedTypeSymbol? AttachmentId { get; }

    public INamedTypeSymbol? MediaSource { get; }

    public INamedTypeSymbol? QuickReply { get; }

    public INamedTypeSymbol? GenericElement { get; }

    public INamedTypeSymbol? Button { get; }

    public INamedTypeSymbol? IceBreaker { get; }

    public INamedTypeSymbol? IceBreakerSet { get; }

    public INamedTypeSymbol? InstagramMessenger { get; }

    public INamedTypeSymbol? Uri { get; }

    public INamedTypeSymbol? IReadOnlyList { get; }

    public INamedTypeSymbol? List { get; }

    public INamedTypeSymbol? ImmutableArray { get; }

    /// <summary>The static class <c>System.Collections.Immutable.ImmutableArray</c> (its <c>Create</c> methods).</summary>
    public INamedTypeSymbol? ImmutableArrayFactory { get; }

    /// <summary>
    /// The known types of <paramref name="compilation"/>, resolved on first use and kept as long as the
    /// compilation lives; null when the compilation does not reference the runtime library (nothing to do).
    /// </summary>
    public static KnownTypes? From(Compilation compilation)
    {
        if (s_byCompilation.TryGetValue(compilation, out var known))
        {
            return known;
        }

        if (compilation.GetTypeByMetadataName(KnownNames.InstagramMessageAttribute) is not { } attribute)
        {
            return null;
        }

        return s_byCompilation.GetValue(compilation, c => new KnownTypes(c, attribute));
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="known"/> (false when the compilation lacks it).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known)
        => known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    /// <summary>Whether <paramref name="type"/> is a construction of the generic type <paramref name="definition"/>.</summary>
    public static bool IsConstructionOf(ITypeSymbol? type, INamedTypeSymbol? definition)
        => definition is not null && type is INamedTypeSymbol { IsGenericType: true } named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, definition);

    /// <summary>The content kind a member attribute declares; null for any other attribute.</summary>
    public ContentKind? ContentKindOf(INamedTypeSymbol? attributeClass)
        => attributeClass is not null && _contentAttributes.TryGetValue(attributeClass, out var kind) ? kind : null;

    /// <summary>Whether <paramref name="symbol"/> carries the attribute <paramref name="attribute"/>.</summary>
    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A namespace's display name, made once per namespace and compilation (many contracts share one).</summary>
    public string DisplayName(INamespaceSymbol ns)
        => _namespaceNames.TryGetValue(ns, out var name) ? name : _namespaceNames.GetOrAdd(ns, ns.ToDisplayString());

    /// <summary>Whether <paramref name="type"/> is an <c>[InstagramMessage]</c> contract.</summary>
    public bool IsContract(INamedTypeSymbol type) => HasAttribute(type, InstagramMessageAttribute);

    /// <summary>Whether <paramref name="type"/> is marked <c>[ButtonTemplate]</c>.</summary>
    public bool IsButtonTemplate(INamedTypeSymbol type) => HasAttribute(type, ButtonTemplateAttribute);
}
