using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractValueAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

public class ContractDeclarationAnalyzerCountTests
{
    [Fact]
    public Task Eleven_image_members_that_always_hold_a_value_are_IGM002_at_the_declaration()
        => AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractDeclarationAnalyzer>.VerifyAsync($$"""
            using InstagramMessaging;
            [InstagramMessage] public partial record {|IGM002:Eleven|}({{string.Join(", ", System.Linq.Enumerable.Range(0, 11).Select(i => $"[property: ImageAttachment] AttachmentId I{i}"))}});
            [InstagramMessage] public partial record Ten({{string.Join(", ", System.Linq.Enumerable.Range(0, 10).Select(i => $"[property: ImageAttachment] AttachmentId I{i}"))}});
            [InstagramMessage] public partial record ElevenOptional({{string.Join(", ", System.Linq.Enumerable.Range(0, 11).Select(i => $"[property: ImageAttachment] AttachmentId? I{i}"))}});
            """);

    [Fact]
    public Task Template_and_ice_breaker_limits_hold_in_collection_expressions()
        => Verifier.VerifyAsync("""
            using System.Collections.Generic;
            using InstagramMessaging;
            [InstagramMessage] public partial record Cards([property: GenericTemplate] IReadOnlyList<GenericElement> Elements);
            [InstagramMessage] public partial record Voice([property: AudioAttachment] string Clip);
            public static class Use
            {
                static object TitleOnly() => new Cards([new GenericElement("Hat") { Subtitle = "Warm" }, {|IGM020:new GenericElement("Scarf")|}]);
                static GenericElement FourButtons() => new("Hat") { Buttons = {|IGM017:[Button.Postback("1", "1"), Button.Postback("2", "2"), Button.Postback("3", "3"), Button.Postback("4", "4")]|} };
                static GenericElement ThreeButtons() => new("Hat") { Buttons = [Button.Postback("1", "1"), Button.Postback("2", "2"), Button.Postback("3", "3")] };
                static object FiveQuestions() => new IceBreakerSet("default", {|IGM018:[new("1", "1"), new("2", "2"), new("3", "3"), new("4", "4"), new("5", "5")]|});
                static object NullAudio() => new Voice({|IGM010:null|}!);
                static object EmptyAudio() => new Voice({|IGM010:""|});
                static object UnknownAudio(string url) => new Voice(url);
            }
            """);
}
