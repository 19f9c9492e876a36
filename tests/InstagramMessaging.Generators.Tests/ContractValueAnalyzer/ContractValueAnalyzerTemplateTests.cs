using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using MediaVerifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.MediaFileAnalyzer>;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractValueAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

public class ContractValueAnalyzerTemplateTests
{
    private const string Contracts = """
        using System.Collections.Generic;
        using InstagramMessaging;
        [InstagramMessage] public partial record Cards([property: GenericTemplate] IReadOnlyList<GenericElement> Elements);
        [InstagramMessage] public partial record Catalog([property: ProductTemplate] IReadOnlyList<string> Ids);
        [InstagramMessage, ButtonTemplate] public partial record Next([property: MessageText] string Text, Button First);
        [InstagramMessage] public partial record Plain([property: MessageText] string Text);
        public static class Use
        {

        """;

    private static Task Verify(string body) => Verifier.VerifyAsync(Contracts + body + "\n}\n");

    private static string Ids(int n) => string.Join(", ", Enumerable.Range(0, n).Select(i => $"\"p{i}\""));

    [Fact]
    public Task Element_counts_outside_1_to_10_are_IGM015()
        => Verify($$"""
            static object Ten() => new Catalog(new[] { {{Ids(10)}} });
            static object Eleven() => new Catalog({|IGM015:new[] { {{Ids(11)}} }|});
            static object None() => new Catalog({|IGM015:new string[0]|});
            static object NoCards() => new Cards({|IGM015:new GenericElement[] { }|});
            static object Unknown(string[] ids) => new Catalog(ids);
            """);

    [Fact]
    public Task Long_titles_subtitles_and_button_texts_are_IGM016()
        => Verify($$"""
            static GenericElement Title() => new({|IGM016:"{{new string('t', 81)}}"|}) { Subtitle = "ok" };
            static GenericElement Fits() => new("{{new string('t', 80)}}") { Subtitle = "{{new string('s', 80)}}" };
            static GenericElement Subtitle() => new GenericElement("Hat") { Subtitle = {|IGM016:"{{new string('s', 81)}}"|} };
            static object ButtonText() => new Next({|IGM016:"{{new string('x', 641)}}"|}, Button.Postback("Go", "GO"));
            static object ButtonTextFits() => new Next("{{new string('x', 640)}}", Button.Postback("Go", "GO"));
            static object PlainTextIsNotJudgedAt640() => new Plain("{{new string('x', 700)}}");
            """);

    [Fact]
    public Task More_than_three_buttons_on_an_element_is_IGM017()
        => Verify("""
            static GenericElement Four() => new("Hat") { Buttons = {|IGM017:new Button[] { Button.Postback("1", "1"), Button.Postback("2", "2"), Button.Postback("3", "3"), Button.Postback("4", "4") }|} };
            static GenericElement Three() => new("Hat") { Buttons = new Button[] { Button.Postback("1", "1"), Button.Postback("2", "2"), Button.Postback("3", "3") } };
            """);

    [Fact]
    public Task A_title_only_element_written_into_an_array_is_IGM020()
        => Verify("""
            static object Bare() => new Cards(new[] { new GenericElement("Hat") { Subtitle = "Warm" }, {|IGM020:new GenericElement("Scarf")|} });
            static object NullSubtitle() => new Cards(new[] { {|IGM020:new GenericElement("Hat") { Subtitle = null }|} });
            static GenericElement MayBeCompletedLater() => new GenericElement("Hat");
            static object WithImage() => new Cards(new[] { new GenericElement("Hat") { ImageUrl = "https://a.example/h.jpg" } });
            """);

    [Fact]
    public Task More_than_four_ice_breakers_is_IGM018()
        => Verify("""
            static object Five() => new IceBreakerSet("default", {|IGM018:new[] { new IceBreaker("1", "1"), new IceBreaker("2", "2"), new IceBreaker("3", "3"), new IceBreaker("4", "4"), new IceBreaker("5", "5") }|});
            static object Four() => new IceBreakerSet("default", new[] { new IceBreaker("1", "1"), new IceBreaker("2", "2"), new IceBreaker("3", "3"), new IceBreaker("4", "4") });
            """);
}
