using System.Linq;
using InstagramMessaging.Generators.Diagnostics;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace InstagramMessaging.Generators.Tests;

public class ContractFactsCacheTests
{
    private const string Source = """
        using InstagramMessaging;
        namespace Shop;
        [InstagramMessage]
        public partial record Shipped([property: ReplyTo] string? InReplyTo = null)
        {
            [MessageText] public string Text { get; init; } = "";
        }
        [InstagramMessage]
        public partial record Gallery([property: ImageAttachment] System.Uri? First, [property: ImageAttachment] System.Uri? Second);
        [InstagramMessage]
        public record NotPartial([property: MessageText] string Text);
        public class Plain { }
        """;

    [Fact]
    public void One_cache_per_compilation_shared_by_every_analyzer_and_each_type_read_once()
    {
        var compilation = TestCompilation.Create(Source);
        var known = KnownTypes.From(compilation)!;
        var cache = ContractFactsCache.For(known);

        // The declaration analyzer and the value analyzer both ask through KnownTypes.From(compilation): one cache.
        Assert.Same(cache, ContractFactsCache.For(KnownTypes.From(compilation)!));
        Assert.NotSame(cache, ContractFactsCache.For(KnownTypes.From(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class Edit { }", TestCompilation.ParseOptions)))!));

        var shipped = compilation.GetTypeByMetadataName("Shop.Shipped")!;
        var facts = cache.For(shipped, default);
        Assert.Same(facts, cache.For(shipped, default));
        Assert.Same(ContractFacts.NotAContract, cache.For(compilation.GetTypeByMetadataName("Shop.Plain")!, default));
    }

    [Fact]
    public void One_read_gives_the_declaration_problems_and_the_value_facts()
    {
        var compilation = TestCompilation.Create(Source);
        var cache = ContractFactsCache.For(KnownTypes.From(compilation)!);

        var shipped = compilation.GetTypeByMetadataName("Shop.Shipped")!;
        var facts = cache.For(shipped, default);
        Assert.True(facts.IsContract);
        Assert.Empty(facts.Problems);
        var text = (IPropertySymbol)shipped.GetMembers("Text").Single();
        Assert.Same(text, facts.PropertyFor("Text"));
        Assert.Equal(Model.ContentKind.Text, facts.KindOf(text));
        Assert.Equal(0, facts.ImageMembers);
        Assert.Equal("Text", Assert.Single(facts.Placeholders).Property.Name);
        Assert.Null(facts.PropertyFor("Unknown"));

        // The positional constructor is known by its syntax; the copy constructor is not it.
        var gallery = compilation.GetTypeByMetadataName("Shop.Gallery")!;
        var galleryFacts = cache.For(gallery, default);
        Assert.Equal(2, galleryFacts.ImageMembers);
        var constructors = gallery.InstanceConstructors;
        Assert.Single(constructors, galleryFacts.IsPrimary);
        Assert.True(galleryFacts.IsPrimary(constructors.Single(c => c.Parameters.Length == 2 && c.Parameters[0].Name == "First")));
        Assert.False(galleryFacts.IsPrimary(shipped.InstanceConstructors.First()));

        var notPartial = cache.For(compilation.GetTypeByMetadataName("Shop.NotPartial")!, default);
        Assert.Equal("IGM004", Assert.Single(notPartial.Problems).Rule.Id);
    }
}
