using InstagramMessaging.Generators.Model;
using Microsoft.CodeAnalysis;

namespace InstagramMessaging.Generators.Parsing;

// Kind facts: which content kind a member declares, and the words for it (read from the ContentKinds rows).
internal static partial class ContractReader
{
    /// <summary>The content kind of a property, from its attributes; null when it has none of ours.</summary>
    public static ContentKind? GetContentKind(IPropertySymbol property, KnownTypes known, out AttributeData? attribute)
    {
        foreach (var candidate in property.GetAttributes())
        {
            if (known.ContentKindOf(candidate.AttributeClass) is { } kind)
            {
                attribute = candidate;
                return kind;
            }
        }

        attribute = null;
        return null;
    }

    /// <summary>The attribute of a kind as diagnostics name it.</summary>
    public static string AttributeDisplayName(ContentKind kind) => ContentKinds.For(kind).AttributeDisplayName;
}
