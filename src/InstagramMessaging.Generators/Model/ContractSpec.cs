namespace InstagramMessaging.Generators.Model;

/// <summary>Everything the emitter needs to write one contract; equatable so the pipeline caches it.</summary>
/// <param name="Namespace">The contract's namespace, or null for the global namespace.</param>
/// <param name="TypeName">The contract's own name.</param>
/// <param name="Keyword">Its declaration keyword: <c>record</c> or <c>record struct</c>.</param>
/// <param name="ContainingTypes">The types it is nested in, outermost first.</param>
/// <param name="Members">Its content members, in declaration order.</param>
internal sealed record ContractSpec(
    string? Namespace,
    string TypeName,
    string Keyword,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    EquatableArray<ContentMemberSpec> Members)
{
    /// <summary>A deterministic hint name: namespace, containing types and type, dotted.</summary>
    public string HintName
    {
        get
        {
            var name = TypeName;
            for (var i = ContainingTypes.Count - 1; i >= 0; i--)
            {
                name = ContainingTypes[i].Name + "." + name;
            }

            // Names are stored as written in C#; '@' escapes are not allowed in hint names.
            return ((Namespace is null ? name : Namespace + "." + name) + ".g.cs").Replace("@", string.Empty);
        }
    }
}

/// <summary>A type a contract is nested in.</summary>
/// <param name="Keyword">Its declaration keyword (<c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>, <c>interface</c>).</param>
/// <param name="Name">Its name.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);

/// <summary>One content member of a contract.</summary>
/// <param name="Kind">What it holds.</param>
/// <param name="Name">The property's name, as written in C# (escaped with '@' when a keyword).</param>
/// <param name="DisplayName">The property's name as reported in violations.</param>
internal sealed record ContentMemberSpec(ContentKind Kind, string Name, string DisplayName);

/// <summary>The content attributes the generator understands.</summary>
internal enum ContentKind
{
    Text,
    ReplyTo,
}
