using System.Threading.Tasks;
using InstagramMessaging.Generators.Diagnostics;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace InstagramMessaging.CodeFixes.Tests;

public class ChangeAttachmentKindCodeFixTests
{
    private static CSharpCodeFixTest<ContractValueAnalyzer, ChangeAttachmentKindCodeFix, DefaultVerifier> Test()
    {
        var test = new CSharpCodeFixTest<ContractValueAnalyzer, ChangeAttachmentKindCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("custom"),
        };
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
            state.AdditionalReferences.Add(typeof(InstagramMessageAttribute).Assembly);
        }

        return test;
    }

    [Fact]
    public Task A_video_url_under_an_image_attribute_becomes_a_video_attachment()
    {
        var test = Test();
        test.TestCode = """
            using System;
            using InstagramMessaging;
            [InstagramMessage] public partial record Promo([property: ImageAttachment] Uri Media);
            public static class Use { public static object M() => new Promo({|IGM003:new Uri("https://cdn.example.com/clip.webm")|}); }
            """;
        test.FixedCode = """
            using System;
            using InstagramMessaging;
            [InstagramMessage] public partial record Promo([property: VideoAttachment] Uri Media);
            public static class Use { public static object M() => new Promo(new Uri("https://cdn.example.com/clip.webm")); }
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task The_attribute_is_changed_in_the_file_that_declares_it_keeping_how_it_was_written()
    {
        var test = Test();
        test.TestState.Sources.Add(("Contracts.cs", """
            [InstagramMessaging.InstagramMessage]
            public partial record Voice
            {
                [InstagramMessaging.VideoAttachmentAttribute] public string Clip { get; init; } = "https://cdn.example.com/placeholder.mp4";
            }
            """));
        test.TestState.Sources.Add(("Use.cs", """
            public static class Use { public static object M() => new Voice { Clip = {|IGM003:"https://cdn.example.com/hello.m4a"|} }; }
            """));
        test.FixedState.Sources.Add(("Contracts.cs", """
            [InstagramMessaging.InstagramMessage]
            public partial record Voice
            {
                [InstagramMessaging.AudioAttachmentAttribute] public string Clip { get; init; } = "https://cdn.example.com/placeholder.mp4";
            }
            """));
        test.FixedState.Sources.Add(("Use.cs", """
            public static class Use { public static object M() => new Voice { Clip = "https://cdn.example.com/hello.m4a" }; }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_changes_every_mismatched_member()
    {
        var test = Test();
        test.TestCode = """
            using System;
            using InstagramMessaging;
            [InstagramMessage] public partial record A([property: AudioAttachment] Uri Media);
            [InstagramMessage] public partial record B([property: VideoAttachment] string Media);
            public static class Use
            {
                public static object M() => new A({|IGM003:new Uri("https://cdn.example.com/photo.png")|});
                public static object N() => new B({|IGM003:"https://cdn.example.com/photo.jpeg"|});
            }
            """;
        test.FixedCode = """
            using System;
            using InstagramMessaging;
            [InstagramMessage] public partial record A([property: ImageAttachment] Uri Media);
            [InstagramMessage] public partial record B([property: ImageAttachment] string Media);
            public static class Use
            {
                public static object M() => new A(new Uri("https://cdn.example.com/photo.png"));
                public static object N() => new B("https://cdn.example.com/photo.jpeg");
            }
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task A_type_no_media_kind_takes_gets_no_fix()
    {
        var test = Test();
        const string source = """
            using System;
            using InstagramMessaging;
            [InstagramMessage] public partial record A([property: AudioAttachment] Uri Media);
            public static class Use { public static object M() => new A({|IGM003:new Uri("https://cdn.example.com/song.mp3")|}); }
            """;
        test.TestCode = source;
        test.FixedCode = source;
        return test.RunAsync();
    }
}
