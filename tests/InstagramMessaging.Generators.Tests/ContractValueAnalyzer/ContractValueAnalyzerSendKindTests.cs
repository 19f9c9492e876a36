using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using DeclarationVerifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractDeclarationAnalyzer>;
using ValueVerifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractValueAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

public class ContractValueAnalyzerSendKindTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Collections.Immutable; using InstagramMessaging;\n";

    [Fact]
    public Task Every_send_kind_is_a_valid_contract()
        => DeclarationVerifier.VerifyAsync(Usings + """
            [InstagramMessage] public partial record A([property: ImageAttachment] Uri Image);
            [InstagramMessage] public partial record B([property: ImageAttachment] IReadOnlyList<MediaSource> Photos, [property: ReplyTo] string? ReplyTo = null);
            [InstagramMessage] public partial record C([property: ImageAttachment] string[] Urls);
            [InstagramMessage] public partial record D([property: ImageAttachment] ImmutableArray<AttachmentId> Ids);
            [InstagramMessage] public partial record E([property: ImageAttachment] List<Uri> Urls, [property: ImageAttachment] AttachmentId? Extra);
            [InstagramMessage] public partial record F([property: AudioAttachment] MediaSource Audio);
            [InstagramMessage] public partial record G([property: VideoAttachment] AttachmentId Video);
            [InstagramMessage] public partial record H([property: FileAttachment] string Pdf);
            [InstagramMessage] public partial record I([property: MediaShare] string PostId);
            [InstagramMessage, QuickReply("Yes", "Y")] public partial record J([property: MessageText] string Text, [property: QuickReplies] IReadOnlyList<QuickReply> More);
            [InstagramMessage] public partial record K([property: GenericTemplate] IReadOnlyList<GenericElement> Cards);
            [InstagramMessage, ButtonTemplate] public partial record L([property: MessageText] string Text, Button First, IReadOnlyList<Button> Others);
            [InstagramMessage] public partial record M([property: ProductTemplate] IReadOnlyList<string> Ids);
            """);

    [Fact]
    public Task Mixing_content_kinds_is_IGM006()
        => DeclarationVerifier.VerifyAsync(Usings + """
            [InstagramMessage] public partial record {|#0:TextAndImage|}([property: MessageText] string Text, [property: ImageAttachment] Uri Image);
            [InstagramMessage] public partial record {|#1:TemplateAndMedia|}([property: GenericTemplate] IReadOnlyList<GenericElement> Cards, [property: VideoAttachment] Uri Video);
            [InstagramMessage, QuickReply("Yes", "Y")] public partial record {|#2:RepliesOnImage|}([property: ImageAttachment] Uri Image);
            [InstagramMessage, ButtonTemplate] public partial record {|#3:RepliesOnButtons|}([property: MessageText] string Text, Button First, [property: QuickReplies] IReadOnlyList<QuickReply> Replies);
            """,
            DeclarationVerifier.Diagnostic("IGM006").WithLocation(0).WithArguments("TextAndImage", "text", "attachments"),
            DeclarationVerifier.Diagnostic("IGM006").WithLocation(1).WithArguments("TemplateAndMedia", "attachments", "a generic template"),
            DeclarationVerifier.Diagnostic("IGM006").WithLocation(2).WithArguments("RepliesOnImage", "quick replies", "attachments"),
            DeclarationVerifier.Diagnostic("IGM006").WithLocation(3).WithArguments("RepliesOnButtons", "quick replies", "a button template"));

    [Fact]
    public Task Several_attachments_not_all_images_is_IGM007()
        => DeclarationVerifier.VerifyAsync(Usings + """
            [InstagramMessage] public partial record {|IGM007:Videos|}([property: VideoAttachment] Uri[] Clips);
            [InstagramMessage] public partial record {|IGM007:ImageAndAudio|}([property: ImageAttachment] Uri Image, [property: AudioAttachment] Uri Audio);
            [InstagramMessage] public partial record TwoFiles([property: FileAttachment] string A, [property: {|IGM007:FileAttachment|}] string B);
            [InstagramMessage] public partial record TwoImages([property: ImageAttachment] Uri A, [property: ImageAttachment] Uri B);
            """);

    [Fact]
    public Task Unsupported_media_and_template_types_are_IGM008()
        => DeclarationVerifier.VerifyAsync(Usings + """
            [InstagramMessage] public partial record A([property: {|IGM008:ImageAttachment|}] int Image);
            [InstagramMessage] public partial record B([property: {|IGM008:ImageAttachment|}] IEnumerable<Uri> Images);
            [InstagramMessage] public partial record C([property: {|IGM008:ImageAttachment|}] MediaSource?[] Images);
            [InstagramMessage] public partial record D([property: {|IGM008:GenericTemplate|}] List<GenericElement> Cards);
            [InstagramMessage] public partial record E([property: {|IGM008:ProductTemplate|}] IReadOnlyList<int> Ids);
            [InstagramMessage] public partial record F([property: MessageText] string Text, [property: {|IGM008:QuickReplies|}] QuickReply[] Replies);
            """);

    [Fact]
    public Task A_button_template_needs_text()
        => DeclarationVerifier.VerifyAsync(Usings + "[InstagramMessage, ButtonTemplate] public partial record {|IGM009:OnlyButtons|}(Button First);");

    [Fact]
    public Task Quick_reply_attributes_are_counted_and_their_titles_measured()
    {
        var fourteen = string.Concat(Enumerable.Range(0, 13).Select(i => $"[QuickReply(\"Choice {i}\", \"P{i}\")]\n"));
        return DeclarationVerifier.VerifyAsync(Usings + fourteen + """
            [{|#0:QuickReply("Choice 13", "P13")|}]
            [InstagramMessage] public partial record Many([property: MessageText] string Text);

            [{|#1:QuickReply("Yes, ship it to my home address", "SHIP")|}]
            [QuickReply("Exactly twenty chars", "OK")]
            [InstagramMessage] public partial record LongTitle([property: MessageText] string Text);
            """,
            DeclarationVerifier.Diagnostic("IGM013").WithLocation(0).WithArguments("Many", 14),
            new DiagnosticResult("IGM014", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Yes, ship it to my home address", 31));
    }

    private const string MediaContracts = Usings + """
        [InstagramMessage] public partial record Img([property: ImageAttachment] Uri Image);
        [InstagramMessage] public partial record Imgs([property: ImageAttachment] string[] Urls);
        [InstagramMessage] public partial record Voice([property: AudioAttachment] MediaSource Audio);
        [InstagramMessage] public partial record Doc([property: FileAttachment] string Pdf);
        public static class Use
        {

        """;

    private static Task VerifyMedia(string body) => ValueVerifier.VerifyAsync(MediaContracts + body + "\n}\n");

    [Fact]
    public Task Media_types_are_judged_by_extension_ignoring_query_fragment_and_case()
        => VerifyMedia("""
            static object A() => new Img({|IGM003:new Uri("https://cdn.example.com/a.mp3")|});
            static object B() => new Img(new Uri("https://cdn.example.com/a.PNG?x=1.mp3#f.mp3"));
            static object C() => new Img(new Uri("https://cdn.example.com/photo"));
            static object D() => new Voice({|IGM003:MediaSource.FromUrl("https://cdn.example.com/a.ogg")|});
            static object E() => new Voice(MediaSource.FromUrl(new Uri("https://cdn.example.com/a.m4a")));
            static object F() => new Doc("https://cdn.example.com/anything.xyz");
            static object G() => new Img(new Uri("https://cdn.example.com"));
            """);

    [Fact]
    public Task Relative_or_non_web_urls_are_IGM005()
        => VerifyMedia("""
            static object A() => new Doc({|IGM005:"invoice.pdf"|});
            static object B() => new Imgs(new[] { "https://a.example/1.png", {|IGM005:"ftp://a.example/2.png"|} });
            static object C() => new Img({|IGM005:new Uri("/relative.png", UriKind.Relative)|});
            """);

    [Fact]
    public Task More_than_ten_images_in_an_array_initializer_is_IGM002()
    {
        string Urls(int n) => string.Join(", ", Enumerable.Range(0, n).Select(i => $"\"https://a.example/{i}.png\""));
        return VerifyMedia($$"""
            static object Ten() => new Imgs(new[] { {{Urls(10)}} });
            static object Eleven() => new Imgs({|IGM002:new[] { {{Urls(11)}} }|});
            static object Unknown(string[] urls) => new Imgs(urls);
            """);
    }

    [Fact]
    public Task Urls_not_known_at_compile_time_are_not_judged()
        => VerifyMedia("""
            static object A(string url) => new Doc(url);
            static object B(Uri uri) => new Img(uri);
            static object C(string url) => new Voice(MediaSource.FromUrl(url));
            static object D(string url) => new Img(new Uri(url));
            """);
}
