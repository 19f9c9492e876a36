using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractValueAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

// Counts and items the compiler can see in every way C# builds a collection.
public class ContractValueAnalyzerCollectionTests
{
    private const string Contracts = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using InstagramMessaging;
        [InstagramMessage] public partial record Imgs([property: ImageAttachment] IReadOnlyList<string> Urls);
        [InstagramMessage] public partial record ImgArray([property: ImageAttachment] params Uri[] Images);
        [InstagramMessage] public partial record ImgImmutable([property: ImageAttachment] ImmutableArray<string> Urls);
        [InstagramMessage] public partial record ImgList([property: ImageAttachment] List<string> Urls);
        [InstagramMessage] public partial record Catalog([property: ProductTemplate] IReadOnlyList<string> Ids);
        public static class Use
        {

        """;

    private static string Urls(int n, int from = 0) => string.Join(", ", Enumerable.Range(from, n).Select(i => $"\"https://a.example/{i}.png\""));

    private static string Uris(int n) => string.Join(", ", Enumerable.Range(0, n).Select(i => $"new Uri(\"https://a.example/{i}.png\")"));

    private static Task Verify(string body) => Verifier.VerifyAsync(Contracts + body + "\n}\n");

    [Fact]
    public Task Collection_expressions_are_counted_and_their_items_judged()
        => Verify($$"""
            static object Ten() => new Imgs([{{Urls(10)}}]);
            static object Eleven() => new Imgs({|IGM002:[{{Urls(11)}}]|});
            static object BadItem() => new Imgs(["https://a.example/1.png", {|IGM003:"https://a.example/2.mp3"|}]);
            static object Empty() => new Catalog({|IGM015:[]|});
            static object TargetTyped() => new ImgImmutable({|IGM002:[{{Urls(11)}}]|});
            """);

    [Fact]
    public Task Spreads_of_known_collections_add_up_and_unknown_ones_only_add()
        => Verify($$"""
            static readonly string[] Six = new[] { {{Urls(6)}} };
            static object KnownSpread() => new Imgs({|IGM002:[.. new[] { {{Urls(6)}} }, .. new[] { {{Urls(5, 6)}} }]|});
            static object KnownSpreadFits() => new Imgs([.. new[] { {{Urls(5)}} }, .. new[] { {{Urls(5, 5)}} }]);
            static object UnknownSpreadAlreadyTooMany(string[] more) => new Imgs({|IGM002:[.. more, {{Urls(11)}}]|});
            static object UnknownSpreadMayFit(string[] more) => new Imgs([.. more, {{Urls(5)}}]);
            static object UnknownOnly() => new Catalog([.. Six]);
            """);

    [Fact]
    public Task Collection_initializers_and_ImmutableArray_Create_are_counted()
        => Verify($$"""
            static object List() => new ImgList({|IGM002:new List<string> { {{Urls(11)}} }|});
            static object ListFits() => new ImgList(new List<string> { {{Urls(10)}} });
            static object ListFromOther(List<string> other) => new ImgList(new List<string>(other) { {{Urls(3)}} });
            static object Immutable() => new ImgImmutable({|IGM002:ImmutableArray.Create({{Urls(11)}})|});
            static object ImmutableBadItem() => new ImgImmutable(ImmutableArray.Create("https://a.example/1.png", {|IGM005:"/relative.png"|}));
            """);

    [Fact]
    public Task Params_arguments_are_counted_and_judged()
        => Verify($$"""
            static object Ten() => new ImgArray({{Uris(10)}});
            static object Eleven() => new ImgArray({|IGM002:{{Uris(11)}}|});
            static object BadItem() => new ImgArray(new Uri("https://a.example/a.png"), {|IGM003:new Uri("https://a.example/b.wav")|});
            """);
}
