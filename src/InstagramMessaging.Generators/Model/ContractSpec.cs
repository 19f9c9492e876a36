namespace InstagramMessaging.Generators.Model;

/// <summary>Everything the emitter needs to write one contract; equatable so the pipeline caches it.</summary>
/// <param name="Namespace">The contract's namespace, or null for the global namespace.</param>
/// <param name="TypeName">The contract's own name.</param>
/// <param name="Keyword">Its declaration keyword: <c>record</c> or <c>record struct</c>.</param>
/// <param name="ContainingTypes">The types it is nested in, outermost first.</param>
/// <param name="Members">Its content members, in declaration order.</param>
/// <param name="QuickReplies">Quick replies declared with <c>[QuickReply]</c> on the record.</param>
/// <param name="IsButtonTemplate">Whether the record is marked <c>[ButtonTemplate]</c>.</param>
internal sealed record ContractSpec(
    string? Namespace,
    string TypeName,
    string Keyword,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    EquatableArray<ContentMemberSpec> Members,
    EquatableArray<QuickReplySpec> QuickReplies,
    bool IsButtonTemplate)
{
    /// <summary>What tells apart two contracts with one hint name: their keywords, outermost first.</summary>
    public string Identity
    {
        get
        {
            var identity = string.Empty;
            foreach (var container in ContainingTypes)
            {
                identity += container.Keyword + " " + container.Name + "/";
            }

            return identity + Keyword + " " + TypeName;
        }
    }

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

/// <summary>A quick reply fixed by a <c>[QuickReply]</c> attribute.</summary>
internal sealed record QuickReplySpec(string Title, string Payload);

/// <summary>One content member of a contract.</summary>
/// <param name="Kind">What it holds.</param>
/// <param name="Name">The property's name, as written in C# (escaped with '@' when a keyword).</param>
/// <param name="DisplayName">The property's name as reported in violations.</param>
/// <param name="Value">For media: the member's (or its elements') type.</param>
/// <param name="Shape">Whether the member is one value, a nullable struct, or a collection.</param>
/// <param name="AlwaysPresent">For a single reference-type image: non-nullable and initialized, so it always sends an image.</param>
internal sealed record ContentMemberSpec(ContentKind Kind, string Name, string DisplayName, MediaValue Value = MediaValue.None, MemberShape Shape = MemberShape.Reference, bool AlwaysPresent = false)
{
    public bool IsMedia => ContentKinds.For(Kind).Media is not null;

    public bool IsCollection => Shape is MemberShape.List or MemberShape.Array or MemberShape.ImmutableArray;
}

/// <summary>The type of a media member, or of its elements.</summary>
internal enum MediaValue
{
    None,
    Uri,
    String,
    AttachmentId,
    MediaSource,
}

/// <summary>How a member holds its value.</summary>
internal enum MemberShape
{
    /// <summary>One reference-type value, possibly null.</summary>
    Reference,

    /// <summary>One struct value.</summary>
    Struct,

    /// <summary>One <c>Nullable&lt;T&gt;</c> value.</summary>
    NullableStruct,

    /// <summary><c>IReadOnlyList&lt;T&gt;</c> or <c>List&lt;T&gt;</c>: <c>Count</c> and an indexer.</summary>
    List,

    /// <summary><c>T[]</c>.</summary>
    Array,

    /// <summary><c>ImmutableArray&lt;T&gt;</c>.</summary>
    ImmutableArray,
}
