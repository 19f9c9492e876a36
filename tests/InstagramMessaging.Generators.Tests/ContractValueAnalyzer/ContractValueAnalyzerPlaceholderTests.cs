using System.Threading.Tasks;
using Xunit;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractValueAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

// Issue 11, false positive 1: `{ get; init; } = ""` / null! / default! / string.Empty / [] is the C# idiom for a
// member that object initializers set. The placeholder is not the value sent; a construction site that leaves
// the member at its placeholder is the violation.
public class ContractValueAnalyzerPlaceholderTests
{
    private const string Contracts = """
        using System;
        using System.Collections.Generic;
        using InstagramMessaging;
        [InstagramMessage] public partial record Note { [MessageText] public string Text { get; init; } = ""; }
        [InstagramMessage] public partial record NoteNull { [MessageText] public string Text { get; set; } = null!; }
        [InstagramMessage] public partial record NoteDefault { [MessageText] public string Text { get; init; } = default!; }
        [InstagramMessage] public partial record NoteEmpty { [MessageText] public string Text { get; init; } = string.Empty; }
        [InstagramMessage] public partial record NoteRequired { [MessageText] public required string Text { get; init; } = ""; }
        [InstagramMessage] public partial record Clip { [VideoAttachment] public string Video { get; init; } = ""; }
        [InstagramMessage] public partial record Share { [MediaShare] public string PostId { get; init; } = null!; }
        [InstagramMessage] public partial record Cards { [GenericTemplate] public IReadOnlyList<GenericElement> Elements { get; init; } = []; }
        [InstagramMessage] public partial record Catalog { [ProductTemplate] public IReadOnlyList<string> Ids { get; init; } = Array.Empty<string>(); }
        [InstagramMessage] public partial record Pics { [ImageAttachment] public IReadOnlyList<string> Urls { get; init; } = []; }
        [InstagramMessage] public partial record Reply { [MessageText] public string Text { get; init; } = "hi"; [ReplyTo] public string? To { get; init; } = null; }
        """;

    [Fact]
    public Task Placeholders_set_at_every_construction_site_are_not_judged()
        => Verifier.VerifyAsync(Contracts + """
            public static class Use
            {
                static object A(string s) => new Note { Text = s };
                static object B() => new NoteNull { Text = "hello" };
                static object C() => new NoteDefault { Text = "hello" };
                static object D() => new NoteEmpty { Text = "hello" };
                static object E() => new NoteRequired { Text = "hello" };
                static object F() => new Clip { Video = "https://cdn.example/v.mp4" };
                static object G() => new Share { PostId = "1789" };
                static object H() => new Cards { Elements = [new GenericElement("T") { Subtitle = "S" }] };
                static object I() => new Catalog { Ids = ["p1"] };
                static object J() => new Pics();
                static object K() => new Reply();
                static Note L(Note n) => n with { Text = "again" };
            }
            """);

    [Fact]
    public Task A_construction_site_that_leaves_a_placeholder_is_reported_there()
        => Verifier.VerifyAsync(Contracts + """
            public static class Use
            {
                static object A() => {|#0:new Note()|};
                static object B() => {|#1:new NoteNull { }|};
                static object C() => {|#2:new Clip()|};
                static object D() => {|#3:new Share()|};
                static object E() => {|#4:new Cards()|};
                static object F() => {|#5:new Catalog()|};
                static Note G() => {|#6:new()|};
            }
            """,
            Verifier.Diagnostic("IGM010").WithLocation(0).WithArguments("Text", "empty (its placeholder, not set here)", "text"),
            Verifier.Diagnostic("IGM010").WithLocation(1).WithArguments("Text", "null (its placeholder, not set here)", "text"),
            Verifier.Diagnostic("IGM010").WithLocation(2).WithArguments("Video", "empty (its placeholder, not set here)", "video attachment"),
            Verifier.Diagnostic("IGM010").WithLocation(3).WithArguments("PostId", "null (its placeholder, not set here)", "shared post id"),
            Verifier.Diagnostic("IGM015").WithLocation(4).WithArguments("Elements", 0, "generic"),
            Verifier.Diagnostic("IGM015").WithLocation(5).WithArguments("Ids", 0, "product"),
            Verifier.Diagnostic("IGM010").WithLocation(6).WithArguments("Text", "empty (its placeholder, not set here)", "text"));

    [Fact]
    public Task A_get_only_member_always_sends_its_initializer_so_it_is_judged_at_the_declaration()
        => Verifier.VerifyAsync("""
            using InstagramMessaging;
            [InstagramMessage] public partial record Fixed { [MessageText] public string Text { get; } = {|IGM010:""|}; }
            """);
}
