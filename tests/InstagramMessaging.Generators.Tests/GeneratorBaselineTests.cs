using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Xunit;

namespace InstagramMessaging.Generators.Tests;

/// <summary>
/// Generated code against reviewed baselines in Baselines/. After an intended change, run the tests with
/// UPDATE_BASELINES=1, review the diff of Baselines/, and commit it.
/// </summary>
public class GeneratorBaselineTests
{
    [Fact]
    public void Text_with_reply_to_record_class()
        => VerifyBaseline("""
            using InstagramMessaging;
            namespace Shop.Notifications;

            [InstagramMessage]
            public partial record OrderShipped([property: MessageText] string Text, [property: ReplyTo] string? InReplyTo = null);
            """, "Shop.Notifications.OrderShipped.g.cs");

    [Fact]
    public void Text_only_record_struct_in_the_global_namespace()
        => VerifyBaseline("""
            [InstagramMessaging.InstagramMessage]
            public partial record struct Ping
            {
                [InstagramMessaging.MessageText]
                public string Text { get; init; }
            }
            """, "Ping.g.cs");

    [Fact]
    public void Nested_contract_with_keyword_member_names()
        => VerifyBaseline("""
            using InstagramMessaging;
            namespace Support
            {
                public static partial class Replies
                {
                    internal partial struct Inner
                    {
                        [InstagramMessage]
                        internal partial record @event([property: MessageText] string @string, [property: ReplyTo] string? @for);
                    }
                }
            }
            """, "Support.Replies.Inner.event.g.cs");

    [Fact]
    public void Images_from_a_collection_and_an_optional_member()
        => VerifyBaseline("""
            using System.Collections.Generic;
            using InstagramMessaging;
            namespace Shop;

            [InstagramMessage]
            public partial record Lookbook(
                [property: ImageAttachment] IReadOnlyList<MediaSource> Photos,
                [property: ImageAttachment] AttachmentId? Cover = null,
                [property: ReplyTo] string? InReplyTo = null);
            """, "Shop.Lookbook.g.cs");

    [Fact]
    public void Text_with_declared_and_runtime_quick_replies()
        => VerifyBaseline("""
            using System.Collections.Generic;
            using InstagramMessaging;
            namespace Shop;

            [InstagramMessage]
            [QuickReply("Yes", "Q_YES")]
            [QuickReply("No \"thanks\"", "Q_NO")]
            public partial record Poll([property: MessageText] string Text, [property: QuickReplies] IReadOnlyList<QuickReply>? More = null);
            """, "Shop.Poll.g.cs");

    [Fact]
    public void Button_template()
        => VerifyBaseline("""
            using System.Collections.Generic;
            using InstagramMessaging;
            namespace Shop;

            [InstagramMessage, ButtonTemplate]
            public partial record NextStep([property: MessageText] string Text, Button Primary, IReadOnlyList<Button>? More = null);
            """, "Shop.NextStep.g.cs");

    [Fact]
    public void Single_video_generic_template_product_template_and_media_share()
    {
        VerifyBaseline("""
            [InstagramMessaging.InstagramMessage]
            public partial record Clip([property: InstagramMessaging.VideoAttachment] System.Uri Video);
            """, "Clip.g.cs");
        VerifyBaseline("""
            [InstagramMessaging.InstagramMessage]
            public partial record Cards([property: InstagramMessaging.GenericTemplate] System.Collections.Generic.IReadOnlyList<InstagramMessaging.GenericElement> Elements);
            """, "Cards.g.cs");
        VerifyBaseline("""
            [InstagramMessaging.InstagramMessage]
            public partial record Catalog([property: InstagramMessaging.ProductTemplate] System.Collections.Generic.IReadOnlyList<string> Ids);
            """, "Catalog.g.cs");
        VerifyBaseline("""
            [InstagramMessaging.InstagramMessage]
            public partial record Share([property: InstagramMessaging.MediaShare] string PostId);
            """, "Share.g.cs");
    }

    private static void VerifyBaseline(string source, string hintName, [CallerFilePath] string testFile = "")
    {
        var (driver, output, diagnostics) = TestCompilation.Run(TestCompilation.Create(source));

        Assert.Empty(diagnostics);
        var compileProblems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(compileProblems.Length == 0, "Generated code does not compile cleanly:\n" + string.Join("\n", compileProblems.Select(d => d.ToString())));

        var generated = Assert.Single(TestCompilation.GeneratedSources(driver));
        Assert.Equal(hintName, generated.Key);

        Baselines.AssertMatches(hintName, generated.Value, testFile);
    }
}
