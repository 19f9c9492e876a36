using System.Threading.Tasks;
using Xunit;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractValueAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

// Issue 11, false-positive patterns 2 to 6 at the value analyzer: each idiomatic form gets no diagnostic, and the
// violation the pattern used to hide is still reported.
public class ContractValueAnalyzerFalsePositiveTests
{
    private const string Contracts = """
        using System;
        using System.Collections.Generic;
        using InstagramMessaging;
        [InstagramMessage] public partial record Photo([property: ImageAttachment] string Url);
        [InstagramMessage] public partial record Clip([property: VideoAttachment] Uri Video);
        [InstagramMessage] public partial record Cards([property: GenericTemplate] IReadOnlyList<GenericElement> Elements);
        """;

    [Fact]
    public Task A_dotted_last_segment_that_is_not_a_known_type_is_not_judged()
        => Verifier.VerifyAsync(Contracts + """
            public static class Use
            {
                static object A() => new Photo("https://cdn.example/u/jane.doe");
                static object B() => new Photo("https://cdn.example/banners/hero.v2");
                static object C() => new Clip(new Uri("https://cdn.example/v/intro.final?x=1"));
                static object D() => new Photo({|IGM003:"https://cdn.example/a.webp"|});
                static object E() => new Clip({|IGM003:new Uri("https://cdn.example/v/intro.wav")|});
            }
            """);

    [Fact]
    public Task Named_arguments_in_another_order_are_read_by_parameter()
        => Verifier.VerifyAsync(Contracts + """
            public static class Use
            {
                static object A() => new QuickReply(Payload: "A_PAYLOAD_LONGER_THAN_TWENTY_CHARACTERS", Title: "Yes");
                static object B() => new QuickReply(Payload: "P", Title: {|IGM014:"a title far longer than twenty"|});
                static object C() => new IceBreakerSet(Questions: {|IGM018:[new("1", "1"), new("2", "2"), new("3", "3"), new("4", "4"), new("5", "5")]|}, Locale: "default");
                static object D() => new IceBreakerSet(Questions: [new("1", "1")], Locale: "default");
            }
            """);

    [Fact]
    public Task Character_limits_count_code_points_so_an_emoji_is_one_character()
        => Verifier.VerifyAsync(Contracts + """
            public static class Use
            {
                // 17 letters and two emoji: 19 characters (21 UTF-16 code units).
                static object A() => new QuickReply("Great choice 😀 ok 😀", "P");
                // 19 letters and two emoji: 21 characters.
                static object B() => new QuickReply({|IGM014:"Great choice 😀 okay 😀"|}, "P");
                static object C() => new Cards([new GenericElement("Seventy-nine letters then one emoji ...........................................😀") { Subtitle = "s" }]);
            }
            """);

    [Fact]
    public Task An_empty_quick_reply_title_or_payload_is_IGM010()
        => Verifier.VerifyAsync(Contracts + """
            public static class Use
            {
                static object A() => new QuickReply({|#0:""|}, "P");
                static object B() => new QuickReply("T", {|#1:null|}!);
                static object C() => new QuickReply({|#2:string.Empty|}, "P");
            }
            """,
            Verifier.Diagnostic("IGM010").WithLocation(0).WithArguments("Title", "empty", "quick reply title"),
            Verifier.Diagnostic("IGM010").WithLocation(1).WithArguments("Payload", "null", "quick reply payload"),
            Verifier.Diagnostic("IGM010").WithLocation(2).WithArguments("Title", "empty", "quick reply title"));

    [Fact]
    public Task Title_only_elements_enriched_before_they_reach_a_contract_are_not_flagged()
        => Verifier.VerifyAsync("using System.Linq;\n" + Contracts + """
            public static class Use
            {
                static object Enriched()
                {
                    GenericElement[] built = [new GenericElement("Hat"), new GenericElement("Scarf")];
                    var sent = built.Select(e => e with { Subtitle = "In stock" }).ToArray();
                    return new Cards(sent);
                }

                static object Array()
                {
                    var built = new[] { new GenericElement("Hat") };
                    return new Cards(built.Select(e => e with { Subtitle = "In stock" }).ToList());
                }

                static object Straight() => new Cards([{|IGM020:new GenericElement("Hat")|}]);
                static object StraightArray() => new Cards(new[] { {|IGM020:new GenericElement("Hat")|} });
                static object Initializer() => new Cards([new GenericElement("Ok") { Subtitle = "s" }]) { Elements = [{|IGM020:new GenericElement("Hat")|}] };
            }
            """);
}
