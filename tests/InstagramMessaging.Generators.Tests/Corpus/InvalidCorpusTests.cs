using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace InstagramMessaging.Generators.Tests.Corpus;

/// <summary>
/// Issue 11, the invalid corpus: each form breaks one rule and must get that rule's id, and no other id of ours
/// (one mistake, one diagnostic).
/// </summary>
public class InvalidCorpusTests
{
    private const string Header = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Linq;
        using InstagramMessaging;
        namespace Corpus
        {
            [InstagramMessage] public partial record Note([property: MessageText] string Text, [property: ReplyTo] string? InReplyTo = null);
            [InstagramMessage] public partial record InitNote { [MessageText] public string Text { get; init; } = ""; }
            [InstagramMessage] public partial record Photo([property: ImageAttachment] string Url);
            [InstagramMessage] public partial record UriPhoto([property: ImageAttachment] Uri Url);
            [InstagramMessage] public partial record Album([property: ImageAttachment] IReadOnlyList<MediaSource> Images);
            [InstagramMessage] public partial record Pair([property: ImageAttachment] string A, [property: ImageAttachment] IReadOnlyList<string> B);
            [InstagramMessage] public partial record Clip([property: VideoAttachment] MediaSource Video);
            [InstagramMessage] public partial record Voice([property: AudioAttachment] string Url);
            [InstagramMessage] public partial record Share([property: MediaShare] string PostId);
            [InstagramMessage] public partial record Poll([property: MessageText] string Text, [property: QuickReplies] IReadOnlyList<QuickReply> Replies);
            [InstagramMessage] public partial record Cards([property: GenericTemplate] IReadOnlyList<GenericElement> Elements);
            [InstagramMessage] public partial record InitCards { [GenericTemplate] public IReadOnlyList<GenericElement> Elements { get; init; } = []; }
            [InstagramMessage] public partial record Catalog([property: ProductTemplate] IReadOnlyList<string> ProductIds);
            [InstagramMessage, ButtonTemplate] public partial record Next([property: MessageText] string Text, Button First);
            [InstagramMessage, ButtonTemplate] public partial record NextList([property: MessageText] string Text, IReadOnlyList<Button> Buttons);
        }
        namespace Corpus.Site
        {
        using Corpus;

        """;

    public static IEnumerable<object[]> Cases() => s_cases.Select((c, i) => new object[] { i.ToString("000", System.Globalization.CultureInfo.InvariantCulture) + " " + c.Id + " " + c.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_form_gets_its_id_and_no_other(string name)
    {
        var item = s_cases[int.Parse(name[..3], System.Globalization.CultureInfo.InvariantCulture)];
        var diagnostics = await CorpusRunner.RunAsync(Header + item.Code + "\n}\n");
        var ours = diagnostics.Where(d => d.Id.StartsWith("IGM", System.StringComparison.Ordinal) || d.Id is "AD0001" or "CS8784" or "CS8785").Select(d => d.Id).Distinct().ToArray();
        Assert.True(ours.SequenceEqual(new[] { item.Id }), $"{item.Code}\nexpected {item.Id}, got [{string.Join(", ", ours)}]\n{CorpusRunner.Describe(diagnostics)}");
    }

    [Fact]
    public void The_corpus_has_at_least_60_forms_and_covers_every_value_and_declaration_rule()
    {
        Assert.True(s_cases.Length >= 60, $"{s_cases.Length} forms");
        var covered = s_cases.Select(c => c.Id).Distinct().OrderBy(id => id).ToArray();
        foreach (var id in new[] { "IGM001", "IGM002", "IGM003", "IGM004", "IGM005", "IGM006", "IGM007", "IGM008", "IGM009", "IGM010", "IGM011", "IGM012", "IGM013", "IGM014", "IGM015", "IGM016", "IGM017", "IGM018", "IGM020", "IGM021", "IGM022" })
        {
            Assert.Contains(id, covered);
        }
    }

    private sealed record Case(string Id, string Name, string Code);

    private static Case Site(string id, string name, string expression, string members = "")
        => new(id, name, $"public static class Use {{ {members} public static object Make(string s, int n) => {expression}; }}");

    private static Case Decl(string id, string name, string declaration) => new(id, name, declaration);

    private static string Urls(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"MediaSource.FromUrl(\"https://a.example/{i}.png\")"));

    private static readonly Case[] s_cases =
    {
        Site("IGM001", "literal", "new Note(\"" + new string('a', 1001) + "\")"),
        Site("IGM001", "emoji bytes", "new Note(\"" + string.Concat(Enumerable.Repeat("😀", 251)) + "\")"),
        Site("IGM001", "interpolation constant part", "new Note($\"{s}" + new string('a', 1001) + "\")"),
        Site("IGM001", "const field", "new Note(K)", "const string K = \"" + new string('a', 1001) + "\";"),
        Site("IGM001", "initializer", "new InitNote { Text = \"" + new string('a', 1001) + "\" }"),
        Site("IGM001", "with", "new Note(\"a\") with { Text = \"" + new string('a', 1001) + "\" }"),
        Site("IGM002", "eleven in collection expression", "new Album([" + Urls(11) + "])"),
        Site("IGM002", "eleven in array", "new Album(new MediaSource[] {" + Urls(11) + "})"),
        Site("IGM002", "eleven across members", "new Pair(\"https://a.example/x.png\", [" + string.Join(", ", Enumerable.Range(0, 10).Select(i => $"\"https://a.example/{i}.png\"")) + "])"),
        Decl("IGM002", "eleven struct images", "[InstagramMessage] public partial record Eleven(" + string.Join(", ", Enumerable.Range(0, 11).Select(i => $"[property: ImageAttachment] AttachmentId I{i}")) + ");"),
        Decl("IGM002", "eleven initialized image members", "[InstagramMessage] public partial record ElevenInit { " + string.Concat(Enumerable.Range(0, 11).Select(i => $"[ImageAttachment] public string I{i} {{ get; init; }} = \"https://a.example/{i}.png\"; ")) + "}"),
        Site("IGM001", "const hole in interpolation", "new Note($\"{s}{K}\")", "const string K = \"" + new string('a', 1001) + "\";"),
        Site("IGM003", "mp3 image", "new Photo(\"https://a.example/a.mp3\")"),
        Site("IGM003", "webp image", "new Photo(\"https://a.example/a.webp?x=1\")"),
        Site("IGM003", "upper-case wav video", "new Clip(MediaSource.FromUrl(\"https://a.example/v.WAV\"))"),
        Site("IGM003", "uri ogg audio", "new Voice(\"https://a.example/v.ogg\")"),
        Site("IGM003", "image in album", "new Album([MediaSource.FromUrl(\"https://a.example/a.pdf\")])"),
        Decl("IGM004", "not partial", "[InstagramMessage] public record NotPartial([property: MessageText] string Text);"),
        Decl("IGM004", "class", "[InstagramMessage] public partial class NotRecord { [MessageText] public string Text { get; set; } = \"x\"; }"),
        Decl("IGM004", "container not partial", "public class Outer { [InstagramMessage] public partial record Inner([property: MessageText] string Text); }"),
        Site("IGM005", "relative url", "new Photo(\"/images/a.png\")"),
        Site("IGM005", "ftp url", "new Photo(\"ftp://a.example/a.png\")"),
        Site("IGM005", "uri relative", "new Clip(MediaSource.FromUrl(\"v.mp4\"))"),
        Site("IGM005", "template image url", "new Cards([new GenericElement(\"Hat\") { ImageUrl = \"hat.png\" }])"),
        Site("IGM005", "default action url", "new Cards([new GenericElement(\"Hat\") { DefaultActionUrl = \"shop/hat\" }])"),
        Site("IGM005", "url button", "new Next(\"Choose\", Button.Url(\"Open\", \"www.example.com\"))"),
        Decl("IGM006", "text and image", "[InstagramMessage] public partial record Mixed([property: MessageText] string Text, [property: ImageAttachment] string Url);"),
        Decl("IGM006", "text and template", "[InstagramMessage] public partial record Mixed2([property: MessageText] string Text, [property: ProductTemplate] IReadOnlyList<string> Ids);"),
        Decl("IGM007", "video and audio", "[InstagramMessage] public partial record Two([property: VideoAttachment] string V, [property: AudioAttachment] string A);"),
        Decl("IGM008", "int text", "[InstagramMessage] public partial record Bad([property: MessageText] int Count);"),
        Decl("IGM008", "static text", "[InstagramMessage] public partial record Static { [MessageText] public static string Text { get; } = \"x\"; }"),
        Decl("IGM008", "list of images as IEnumerable", "[InstagramMessage] public partial record BadImages([property: ImageAttachment] IEnumerable<Uri> Images);"),
        Decl("IGM009", "no content", "[InstagramMessage] public partial record Nothing(string Text);"),
        Decl("IGM009", "only reply to", "[InstagramMessage] public partial record OnlyReply([property: ReplyTo] string? To);"),
        Site("IGM010", "empty literal", "new Note(\"\")"),
        Site("IGM010", "null", "new Note(null!)"),
        Site("IGM010", "string.Empty", "new Note(string.Empty)"),
        Site("IGM010", "placeholder left", "new InitNote()"),
        Site("IGM010", "empty reply to", "new Note(\"hi\", \"\")"),
        Site("IGM010", "empty post id", "new Share(\"\")"),
        Site("IGM010", "empty quick reply title", "new QuickReply(\"\", \"P\")"),
        Site("IGM010", "empty quick reply payload", "new QuickReply(\"T\", \"\")"),
        Decl("IGM010", "null declared quick reply", "[InstagramMessage, QuickReply(null!, null!)] public partial record NullReply([property: MessageText] string Text);"),
        Site("IGM010", "empty product id", "new Catalog([\"p1\", \"\"])"),
        Site("IGM010", "empty template title", "new Cards([new GenericElement(\"\") { Subtitle = \"s\" }])"),
        Site("IGM010", "empty audio", "new Voice(\"\")"),
        Site("IGM010", "image message with an empty list", "new Album([])"),
        Site("IGM010", "image message with a null image", "new Photo(null!)"),
        Site("IGM010", "several image members all empty", "new Pair(null!, [])"),
        Decl("IGM011", "generic", "[InstagramMessage] public partial record G<T>([property: MessageText] string Text);"),
        Decl("IGM012", "two texts", "[InstagramMessage] public partial record TwoTexts([property: MessageText] string A, [property: MessageText] string B);"),
        Site("IGM013", "fourteen replies", "new Poll(\"Pick\", [" + string.Join(", ", Enumerable.Range(0, 14).Select(i => $"new QuickReply(\"C{i}\", \"P{i}\")")) + "])"),
        Decl("IGM013", "fourteen declared", "[InstagramMessage" + string.Concat(Enumerable.Range(0, 14).Select(i => $", QuickReply(\"C{i}\", \"P{i}\")")) + "] public partial record Q14([property: MessageText] string Text);"),
        Site("IGM014", "long title", "new QuickReply(\"twenty-one characters\", \"P\")"),
        Site("IGM014", "named reversed long title", "new QuickReply(Payload: \"P\", Title: \"twenty-one characters\")"),
        Decl("IGM014", "long declared title", "[InstagramMessage, QuickReply(\"twenty-one characters\", \"P\")] public partial record LongTitle([property: MessageText] string Text);"),
        Site("IGM015", "no elements", "new Cards([])"),
        Site("IGM015", "eleven products", "new Catalog([" + string.Join(", ", Enumerable.Range(0, 11).Select(i => $"\"p{i}\"")) + "])"),
        Site("IGM015", "placeholder template left", "new InitCards()"),
        Site("IGM016", "long element title", "new Cards([new GenericElement(\"" + new string('t', 81) + "\") { Subtitle = \"s\" }])"),
        Site("IGM016", "long subtitle", "new Cards([new GenericElement(\"t\") { Subtitle = \"" + new string('s', 81) + "\" }])"),
        Site("IGM016", "long button template text", "new Next(\"" + new string('x', 641) + "\", Button.Postback(\"Go\", \"GO\"))"),
        Site("IGM017", "four element buttons", "new Cards([new GenericElement(\"t\") { Buttons = [Button.Postback(\"1\", \"1\"), Button.Postback(\"2\", \"2\"), Button.Postback(\"3\", \"3\"), Button.Postback(\"4\", \"4\")] }])"),
        Site("IGM017", "four template buttons", "new NextList(\"Choose\", [Button.Postback(\"1\", \"1\"), Button.Postback(\"2\", \"2\"), Button.Postback(\"3\", \"3\"), Button.Postback(\"4\", \"4\")])"),
        Site("IGM017", "no template buttons", "new NextList(\"Choose\", [])"),
        Site("IGM018", "five ice breakers", "new IceBreakerSet(\"default\", [new(\"1\", \"1\"), new(\"2\", \"2\"), new(\"3\", \"3\"), new(\"4\", \"4\"), new(\"5\", \"5\")])"),
        Site("IGM018", "named reversed five", "new IceBreakerSet(Questions: [new(\"1\", \"1\"), new(\"2\", \"2\"), new(\"3\", \"3\"), new(\"4\", \"4\"), new(\"5\", \"5\")], Locale: \"default\")"),
        Site("IGM010", "empty ice breaker question", "new IceBreaker(\"\", \"P\")"),
        new("IGM018", "no default locale", "public static class Use { public static System.Threading.Tasks.Task Set(InstagramMessenger m) => m.SetIceBreakersAsync([new IceBreakerSet(\"fr_FR\", [new IceBreaker(\"Où ?\", \"WHERE\")])]); }"),
        Decl("IGM017", "four button members", "[InstagramMessage, ButtonTemplate] public partial record Four([property: MessageText] string Text, Button A, Button B, Button C, Button D);"),
        Site("IGM020", "title only in collection", "new Cards([new GenericElement(\"Hat\")])"),
        Site("IGM020", "title only in array", "new Cards(new[] { new GenericElement(\"Hat\") })"),
        Decl("IGM021", "file-local", "[InstagramMessage] file partial record Local([property: MessageText] string Text);"),
        Decl("IGM022", "own Validate", "[InstagramMessage] public partial record OwnValidate([property: MessageText] string Text) { public bool Validate() => true; }"),
        Decl("IGM022", "own SendAsync property", "[InstagramMessage] public partial record OwnSend([property: MessageText] string Text) { public int SendAsync => 1; }"),
    };
}
