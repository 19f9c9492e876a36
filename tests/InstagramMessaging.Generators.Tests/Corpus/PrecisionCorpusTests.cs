using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace InstagramMessaging.Generators.Tests.Corpus;

/// <summary>
/// Issue 11, the precision corpus: valid declarations and construction sites in every style C# takes. Each one
/// must get zero diagnostics from the generator, the analyzers and the compiler (warnings included).
/// </summary>
public class PrecisionCorpusTests
{
    internal const string Header = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Linq;
        using InstagramMessaging;

        """;

    // Contracts shared by the construction sites below (they are valid declarations themselves).
    internal const string Contracts = """
        namespace Corpus
        {
            [InstagramMessage] public partial record Note([property: MessageText] string Text, [property: ReplyTo] string? InReplyTo = null);
            [InstagramMessage] public partial record InitNote { [MessageText] public string Text { get; init; } = ""; [ReplyTo] public string? To { get; init; } }
            [InstagramMessage] public partial record RequiredNote { [MessageText] public required string Text { get; init; } }
            [InstagramMessage] public partial record struct StructNote([property: MessageText] string Text);
            [InstagramMessage] public partial record Photo([property: ImageAttachment] string Url);
            [InstagramMessage] public partial record UriPhoto([property: ImageAttachment] Uri Url);
            [InstagramMessage] public partial record Album([property: ImageAttachment] IReadOnlyList<MediaSource> Images);
            [InstagramMessage] public partial record UrlAlbum([property: ImageAttachment] string[] Urls);
            [InstagramMessage] public partial record ImmutableAlbum([property: ImageAttachment] ImmutableArray<Uri> Urls);
            [InstagramMessage] public partial record Clip([property: VideoAttachment] MediaSource Video);
            [InstagramMessage] public partial record Voice([property: AudioAttachment] string Url);
            [InstagramMessage] public partial record Document([property: FileAttachment] string Url);
            [InstagramMessage] public partial record Share([property: MediaShare] string PostId);
            [InstagramMessage] public partial record Poll([property: MessageText] string Text, [property: QuickReplies] IReadOnlyList<QuickReply> Replies);
            [InstagramMessage, QuickReply("Yes", "YES"), QuickReply("No", "NO")] public partial record YesNo([property: MessageText] string Question);
            [InstagramMessage] public partial record Cards([property: GenericTemplate] IReadOnlyList<GenericElement> Elements);
            [InstagramMessage] public partial record InitCards { [GenericTemplate] public IReadOnlyList<GenericElement> Elements { get; init; } = []; }
            [InstagramMessage] public partial record Catalog([property: ProductTemplate] IReadOnlyList<string> ProductIds);
            [InstagramMessage, ButtonTemplate] public partial record Next([property: MessageText] string Text, Button First, Button? Second = null);
            [InstagramMessage, ButtonTemplate] public partial record NextList([property: MessageText] string Text, IReadOnlyList<Button> Buttons);
        }
        """;

    public static IEnumerable<object[]> Cases() => s_cases.Select((c, i) => new object[] { i.ToString("000", System.Globalization.CultureInfo.InvariantCulture) + " " + c.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Valid_code_gets_no_diagnostic(string name)
    {
        var item = s_cases[int.Parse(name[..3], System.Globalization.CultureInfo.InvariantCulture)];
        var diagnostics = await CorpusRunner.RunAsync(Header + Contracts + "\nnamespace Corpus.Site\n{\n" + item.Code + "\n}\n");
        var reported = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(reported.Length == 0, item.Code + "\n" + CorpusRunner.Describe(reported.ToImmutableArray()));
    }

    [Fact]
    public void The_corpus_has_at_least_100_valid_declarations_and_sites()
        => Assert.True(s_cases.Length >= 100, $"{s_cases.Length} cases");

    private sealed record Case(string Name, string Code);

    private static Case Site(string name, string expression, string members = "")
        => new(name, $"using Corpus; public static class Use {{ {members} public static object Make(string s, int n, bool flag) => {expression}; }}");

    private static Case Body(string name, string body, string members = "")
        => new(name, $"using Corpus; public static class Use {{ {members} public static object Make(string s, int n, bool flag) {{ {body} }} }}");

    private static Case Declaration(string name, string declaration)
        => new(name, "using Corpus; " + declaration);

    private static readonly string[] s_imageUrls =
    {
        "https://cdn.example.com/a.png", "https://cdn.example.com/a.JPG", "https://cdn.example.com/a.jpeg?w=800&h=600",
        "https://cdn.example.com/a.gif#frame", "https://cdn.example.com/img/123456", "https://cdn.example.com/u/jane.doe",
        "https://cdn.example.com/banners/hero.v2", "https://cdn.example.com/a.PNG?sig=abc.def", "http://cdn.example.com/a.png",
        "https://cdn.example.com/", "https://images.example.com/p/1.2.3/photo.jpeg", "https://cdn.example.com/a.png?format=webp",
    };

    private static readonly string[] s_titles =
    {
        "Yes", "Twenty characters!!", "Great choice 😀 ok 😀", "👍", "Émile et Zoë", "日本語のタイトル", "a", "twenty-chars-exactly",
    };

    private static readonly Case[] s_cases = new[]
    {
        Site("positional text", "new Note(\"Hello\")"),
        Site("positional text and reply", "new Note(\"Hello\", \"mid.1\")"),
        Site("named arguments reversed", "new Note(InReplyTo: \"mid.1\", Text: \"Hello\")"),
        Site("target-typed new", "(Note)new(\"Hello\")"),
        Site("runtime text", "new Note(s)"),
        Site("interpolation with runtime value", "new Note($\"Hello {s}, you have {n} items\")"),
        Site("raw string", "new Note(\"\"\"\n  Hello\n  \"\"\")"),
        Site("verbatim", "new Note(@\"C:\\path\")"),
        Site("nameof", "new Note(nameof(Make))"),
        Site("ternary", "new Note(flag ? \"Yes\" : \"No\")"),
        Site("switch expression", "new Note(n switch { 0 => \"none\", 1 => \"one\", _ => \"many\" })"),
        Site("const field", "new Note(Greeting)", "const string Greeting = \"Hi\";"),
        Body("const local", "const string greeting = \"Hi\"; return new Note(greeting);"),
        Site("concatenation", "new Note(\"Hello \" + s)"),
        Site("1000 bytes exactly", "new Note(\"" + new string('a', 1000) + "\")"),
        Site("250 four-byte emoji", "new Note(\"" + string.Concat(Enumerable.Repeat("😀", 250)) + "\")"),
        Site("init placeholder set", "new InitNote { Text = \"Hello\" }"),
        Site("init placeholder set with reply", "new InitNote { Text = s, To = \"mid.2\" }"),
        Site("required member", "new RequiredNote { Text = \"Hello\" }"),
        Site("record struct", "new StructNote(\"Hello\")"),
        Site("with", "new Note(\"a\") with { Text = \"b\" }"),
        Site("with on placeholder contract", "new InitNote { Text = \"a\" } with { To = null }"),
        Body("contract built in helper", "return Build(s);", "static Note Build(string text) => new(text.Length > 0 ? text : \"empty\");"),
        Body("contract built then with", "var note = new Note(\"draft\"); note = note with { Text = s }; return note;"),
        Site("null reply to", "new Note(\"Hello\", null)"),
        Site("uri photo", "new UriPhoto(new Uri(\"https://cdn.example.com/a.png\"))"),
        Site("uri photo runtime", "new UriPhoto(new Uri(s))"),
        Site("album collection expression", "new Album([MediaSource.FromUrl(\"https://a.example/1.png\"), MediaSource.FromUrl(new Uri(\"https://a.example/2.jpg\"))])"),
        Site("album spread", "new Album([MediaSource.FromUrl(\"https://a.example/1.png\"), .. Extra])", "static readonly MediaSource[] Extra = [MediaSource.FromUrl(\"https://a.example/2.png\")];"),
        Site("album LINQ", "new Album(Enumerable.Range(0, n).Select(i => MediaSource.FromUrl($\"https://a.example/{i}.png\")).ToList())"),
        Site("album ten", "new Album(new MediaSource[] {" + string.Join(", ", Enumerable.Range(0, 10).Select(i => $"MediaSource.FromUrl(\"https://a.example/{i}.png\")")) + "})"),
        Site("album attachment ids", "new Album([MediaSource.FromAttachmentId(\"123\"), new AttachmentId(\"456\")])"),
        Site("url album array", "new UrlAlbum(new[] { \"https://a.example/1.png\", \"https://a.example/2.gif\" })"),
        Site("url album empty params-free list", "new UrlAlbum([\"https://a.example/1.png\"])"),
        Site("immutable album", "new ImmutableAlbum(ImmutableArray.Create(new Uri(\"https://a.example/1.png\")))"),
        Site("clip mp4", "new Clip(MediaSource.FromUrl(\"https://a.example/v.mp4\"))"),
        Site("clip webm upper", "new Clip(MediaSource.FromUrl(\"https://a.example/v.WEBM\"))"),
        Site("clip cdn without extension", "new Clip(MediaSource.FromUrl(\"https://video.example.com/stream/8f2e\"))"),
        Site("clip dotted name", "new Clip(MediaSource.FromUrl(\"https://a.example/intro.final\"))"),
        Site("clip implicit uri", "new Clip(new Uri(\"https://a.example/v.mov\"))"),
        Site("voice m4a", "new Voice(\"https://a.example/v.m4a\")"),
        Site("voice query", "new Voice(\"https://a.example/v.wav?dl=1\")"),
        Site("document any type", "new Document(\"https://a.example/invoice.pdf\")"),
        Site("document odd type", "new Document(\"https://a.example/archive.xyz\")"),
        Site("share", "new Share(\"17895695668004550\")"),
        Site("share runtime", "new Share(s)"),
        Site("poll collection expression", "new Poll(\"Pick\", [new QuickReply(\"Red\", \"RED\"), new QuickReply(\"Blue\", \"BLUE\")])"),
        Site("poll target-typed replies", "new Poll(\"Pick\", new QuickReply[] { new(\"Red\", \"RED\"), new(Payload: \"BLUE\", Title: \"Blue\") })"),
        Site("poll thirteen", "new Poll(\"Pick\", [" + string.Join(", ", Enumerable.Range(0, 13).Select(i => $"new QuickReply(\"C{i}\", \"P{i}\")")) + "])"),
        Site("poll LINQ", "new Poll(\"Pick\", Enumerable.Range(0, n).Select(i => new QuickReply($\"Choice {i}\", $\"P{i}\")).ToArray())"),
        Site("poll named reversed long payload", "new Poll(\"Pick\", [new QuickReply(Payload: \"A_VERY_LONG_PAYLOAD_THAT_IS_NOT_A_TITLE\", Title: \"Ok\")])"),
        Site("declared quick replies", "new YesNo(\"Continue?\")"),
        Site("cards with subtitle", "new Cards([new GenericElement(\"Hat\") { Subtitle = \"Warm\" }])"),
        Site("cards with image", "new Cards([new GenericElement(\"Hat\") { ImageUrl = \"https://a.example/hat.png\" }])"),
        Site("cards with default action", "new Cards([new GenericElement(\"Hat\") { DefaultActionUrl = \"https://shop.example.com/hat?ref=ig#top\" }])"),
        Site("cards with buttons", "new Cards([new GenericElement(\"Hat\") { Buttons = [Button.Url(\"Buy\", \"https://shop.example.com/hat\"), Button.Postback(\"Later\", \"LATER\")] }])"),
        Site("cards three buttons", "new Cards([new GenericElement(\"Hat\") { Buttons = [Button.Postback(\"1\", \"1\"), Button.Postback(\"2\", \"2\"), Button.Postback(\"3\", \"3\")] }])"),
        Site("cards ten", "new Cards([" + string.Join(", ", Enumerable.Range(0, 10).Select(i => $"new GenericElement(\"T{i}\") {{ Subtitle = \"S\" }}")) + "])"),
        Site("cards eighty-character title with emoji", "new Cards([new GenericElement(\"" + new string('t', 79) + "😀\") { Subtitle = \"S\" }])"),
        Body("cards built then enriched", "GenericElement[] built = [new GenericElement(\"Hat\")]; return new Cards(built.Select(e => e with { Subtitle = \"Warm\" }).ToArray());"),
        Site("cards from helper", "new Cards(Elements(n))", "static GenericElement[] Elements(int count) => Enumerable.Range(0, count).Select(i => new GenericElement($\"T{i}\") { Subtitle = \"S\" }).ToArray();"),
        Site("init cards set", "new InitCards { Elements = [new GenericElement(\"Hat\") { Subtitle = \"Warm\" }] }"),
        Site("catalog", "new Catalog([\"p1\", \"p2\"])"),
        Site("catalog ten", "new Catalog([" + string.Join(", ", Enumerable.Range(0, 10).Select(i => $"\"p{i}\"")) + "])"),
        Site("catalog runtime list", "new Catalog(s.Split(','))"),
        Site("button template one button", "new Next(\"Choose\", Button.Postback(\"Go\", \"GO\"))"),
        Site("button template two buttons", "new Next(\"Choose\", Button.Postback(\"Go\", \"GO\"), Button.Url(\"Site\", \"https://a.example\"))"),
        Site("button template list", "new NextList(\"Choose\", [Button.Postback(\"A\", \"A\"), Button.Postback(\"B\", \"B\")])"),
        Site("button template 640", "new Next(\"" + new string('x', 640) + "\", Button.Postback(\"Go\", \"GO\"))"),
        Site("ice breakers", "new IceBreakerSet(\"default\", [new IceBreaker(\"Hours?\", \"HOURS\")])"),
        Site("ice breakers named reversed", "new IceBreakerSet(Questions: [new IceBreaker(\"Hours?\", \"HOURS\"), new IceBreaker(\"Where?\", \"WHERE\")], Locale: \"default\")"),
        Site("quick reply runtime title", "new QuickReply(s, \"P\")"),
        Site("quick reply interpolated title", "new QuickReply($\"{n} items\", \"P\")"),
        Declaration("file-scoped style nested partial", "public static partial class Outer { [InstagramMessage] public partial record Inner([property: MessageText] string Text); }"),
        Declaration("deeply nested", "public partial class A { public partial class B { [InstagramMessage] internal partial record C([property: MessageText] string Text); } }"),
        Declaration("nested in record", "public partial record Host { [InstagramMessage] public partial record Inner([property: MessageText] string Text); }"),
        Declaration("split partial type", "[InstagramMessage] public partial record Split([property: MessageText] string Text); public partial record Split { public int Extra => 1; }"),
        Declaration("attribute on second part", "public partial record Late([property: MessageText] string Text); [InstagramMessage] public partial record Late;"),
        Declaration("internal contract", "[InstagramMessage] internal partial record Internal([property: MessageText] string Text);"),
        Declaration("sealed contract", "[InstagramMessage] public sealed partial record Sealed([property: MessageText] string Text);"),
        Declaration("record struct readonly", "[InstagramMessage] public readonly partial record struct Ro([property: MessageText] string Text);"),
        Declaration("init placeholder null-forgiving", "[InstagramMessage] public partial record P1 { [MessageText] public string Text { get; init; } = null!; }"),
        Declaration("init placeholder default", "[InstagramMessage] public partial record P2 { [MessageText] public string Text { get; set; } = default!; }"),
        Declaration("init placeholder string.Empty", "[InstagramMessage] public partial record P3 { [MessageText] public string Text { get; init; } = string.Empty; }"),
        Declaration("template placeholder Array.Empty", "[InstagramMessage] public partial record P4 { [ProductTemplate] public IReadOnlyList<string> Ids { get; init; } = Array.Empty<string>(); }"),
        Declaration("video placeholder", "[InstagramMessage] public partial record P5 { [VideoAttachment] public string Url { get; init; } = \"\"; }"),
        Declaration("required with placeholder", "[InstagramMessage] public partial record P6 { [MessageText] public required string Text { get; init; } = \"\"; }"),
        Declaration("default parameter", "[InstagramMessage] public partial record D1([property: MessageText] string Text = \"Hello\");"),
        Declaration("default image parameter", "[InstagramMessage] public partial record D2([property: ImageAttachment] string Url = \"https://a.example/default.png\");"),
        Declaration("initialized image list", "[InstagramMessage] public partial record D3 { [ImageAttachment] public IReadOnlyList<string> Urls { get; init; } = [\"https://a.example/1.png\"]; }"),
        Declaration("nullable reply to", "[InstagramMessage] public partial record D4([property: MessageText] string Text, [property: ReplyTo] string? ReplyTo);"),
        Declaration("inherited content", "public abstract record Base { [MessageText] public string Text { get; init; } = \"Hi\"; } [InstagramMessage] public partial record Derived : Base;"),
        Declaration("inherited positional content", "public record PBase([property: MessageText] string Body); [InstagramMessage] public partial record PDerived(string Body) : PBase(Body);"),
        Declaration("keyword-named contract", "[InstagramMessage] public partial record @event([property: MessageText] string @class);"),
        Declaration("ten struct images", "[InstagramMessage] public partial record Ten(" + string.Join(", ", Enumerable.Range(0, 10).Select(i => $"[property: ImageAttachment] AttachmentId I{i}")) + ");"),
        Declaration("nullable struct image", "[InstagramMessage] public partial record NS([property: ImageAttachment] AttachmentId? Image, [property: ImageAttachment] IReadOnlyList<Uri>? More);"),
        Declaration("contract with other members", "[InstagramMessage] public partial record Rich([property: MessageText] string Text) { public int Count { get; init; } public override string ToString() => Text; public bool Check() => true; }"),
        Declaration("contract with overload-free helper named Validation", "[InstagramMessage] public partial record V([property: MessageText] string Text) { public bool Validation => true; }"),
        Declaration("quick replies with emoji titles", "[InstagramMessage, QuickReply(\"👍 Yes\", \"Y\"), QuickReply(\"Great choice 😀 ok 😀\", \"G\")] public partial record E([property: MessageText] string Text);"),
        Declaration("thirteen declared quick replies", "[InstagramMessage" + string.Concat(Enumerable.Range(0, 13).Select(i => $", QuickReply(\"C{i}\", \"P{i}\")")) + "] public partial record Q13([property: MessageText] string Text);"),
        Declaration("button template with url button default", "[InstagramMessage, ButtonTemplate] public partial record BT { [MessageText] public string Text { get; init; } = \"Choose\"; public Button Go { get; init; } = Button.Url(\"Open\", \"https://a.example/open?x=1\"); }"),
    }
    .Concat(s_imageUrls.Select((url, i) => Site($"image url {i}: {url}", $"new Photo(\"{url}\")")))
    .Concat(s_imageUrls.Select((url, i) => Site($"image uri {i}: {url}", $"new UriPhoto(new Uri(\"{url}\"))")))
    .Concat(s_titles.Select((title, i) => Site($"quick reply title {i}: {title}", $"new QuickReply(\"{title}\", \"P{i}\")")))
    .ToArray();
}
