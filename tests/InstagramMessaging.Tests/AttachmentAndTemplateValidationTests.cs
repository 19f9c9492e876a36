using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace InstagramMessaging.Tests;

public class AttachmentAndTemplateValidationTests
{
    // Values the analyzers cannot see, so the run-time checks are what the tests exercise.
    private static string AtRunTime(string value) => value;

    private static T AtRunTime<T>(T value) => value;

    private static string[] Rules(IInstagramMessage message) => message.Validate().Select(v => v.RuleId).ToArray();

    [Fact]
    public void Ten_images_pass_and_eleven_break_IGM002()
    {
        MediaSource[] Images(int n) => Enumerable.Range(0, n).Select(i => MediaSource.FromUrl($"https://cdn.example.com/{i}.jpg")).ToArray();
        Assert.Empty(Rules(new Lookbook(Images(10))));
        var violation = Assert.Single(new Lookbook(Images(11)).Validate());
        Assert.Equal(("IGM002", "Photos"), (violation.RuleId, violation.Member));
    }

    [Fact]
    public void No_images_at_all_is_IGM010()
    {
        Assert.Equal(new[] { "IGM010" }, Rules(new Lookbook(Array.Empty<MediaSource>())));
        Assert.Equal(new[] { "IGM010" }, Rules(new Lookbook(AtRunTime<MediaSource[]>(null!))));
    }

    [Theory]
    [InlineData("https://cdn.example.com/a.png", null)]
    [InlineData("https://cdn.example.com/a.JPEG?size=large#top", null)]
    [InlineData("https://cdn.example.com/a.gif", null)]
    [InlineData("https://cdn.example.com/image", null)]
    [InlineData("https://cdn.example.com/a.mp3", "IGM003")]
    [InlineData("https://cdn.example.com/a.bmp", "IGM003")]
    [InlineData("https://cdn.example.com/a.webp", "IGM003")]
    [InlineData("https://cdn.example.com/u/jane.doe", null)]
    [InlineData("https://cdn.example.com/banners/hero.v2", null)]
    [InlineData("https://cdn.example.com/banners/hero.v2?w=800", null)]
    [InlineData("/relative/a.png", "IGM005")]
    [InlineData("ftp://cdn.example.com/a.png", "IGM005")]
    [InlineData("not a url", "IGM005")]
    public void Image_urls_are_judged_by_scheme_and_extension(string url, string? rule)
        => Assert.Equal(rule is null ? Array.Empty<string>() : new[] { rule }, Rules(new ImageArray(new[] { url })));

    [Fact]
    public void Violations_in_a_collection_name_the_index()
    {
        var violation = Assert.Single(new ImageArray(new[] { "https://a.example/1.png", AtRunTime("https://a.example/2.mp3") }).Validate());
        Assert.Equal("Urls[1]", violation.Member);
        Assert.Contains(".mp3", violation.Message);
        Assert.Contains("png, jpg, jpeg, gif", violation.Message);
    }

    [Theory]
    [InlineData("https://cdn.example.com/v.mp4", null)]
    [InlineData("https://cdn.example.com/v.webm", null)]
    [InlineData("https://cdn.example.com/v.wav", "IGM003")]
    public void Video_types_follow_the_media_table(string url, string? rule)
        => Assert.Equal(rule is null ? Array.Empty<string>() : new[] { rule }, Rules(new Clip(new Uri(url))));

    [Fact]
    public void Audio_and_file_types_follow_the_media_table()
    {
        Assert.Empty(Rules(new VoiceNote(MediaSource.FromUrl("https://a.example/v.m4a"))));
        Assert.Equal(new[] { "IGM003" }, Rules(new VoiceNote(MediaSource.FromUrl(AtRunTime("https://a.example/v.ogg")))));
        Assert.Equal(new[] { "IGM010" }, Rules(new VoiceNote(default)));
        Assert.Empty(Rules(new Invoice("https://a.example/anything.xyz")));
        Assert.Equal(new[] { "IGM005" }, Rules(new Invoice(AtRunTime("invoice.pdf"))));
    }

    [Fact]
    public void Media_share_needs_a_post_id()
    {
        Assert.Empty(Rules(new SharePost("1789")));
        Assert.Equal(new[] { "IGM010" }, Rules(new SharePost(AtRunTime(string.Empty))));
    }

    [Fact]
    public void At_most_13_quick_replies()
    {
        QuickReply[] Replies(int n) => Enumerable.Range(0, n).Select(i => new QuickReply($"Choice {i}", $"P{i}")).ToArray();
        Assert.Empty(Rules(new DynamicPoll("Pick", Replies(13))));
        Assert.Equal(new[] { "IGM013" }, Rules(new DynamicPoll("Pick", Replies(14))));
        Assert.Equal(new[] { "IGM010" }, Rules(new DynamicPoll("Pick", new[] { new QuickReply(AtRunTime(string.Empty), "P") })));
    }

    [Fact]
    public void Character_limits_count_code_points_like_the_analyzer()
    {
        // 79 letters and one emoji: 80 characters, 81 UTF-16 code units (issue 11, pattern 4).
        var eighty = new string('t', 79) + "\U0001F600";
        Assert.Equal(81, eighty.Length);
        Assert.Equal(80, InstagramMessaging.Rules.MessageRules.CharacterCount(eighty));
        Assert.Empty(Rules(new Carousel(new[] { new GenericElement(AtRunTime(eighty)) { Subtitle = "Nice" } })));
        var violation = Assert.Single(new Carousel(new[] { new GenericElement(AtRunTime(eighty + "\U0001F600")) { Subtitle = "Nice" } }).Validate());
        Assert.Equal("IGM016", violation.RuleId);
        Assert.Contains("81", violation.Message);
    }

    [Fact]
    public void Generic_template_limits()
    {
        GenericElement Card(string title = "Hat") => new(title) { Subtitle = "Nice" };
        Assert.Empty(Rules(new Carousel(Enumerable.Repeat(Card(), 10).ToArray())));
        Assert.Equal(new[] { "IGM015" }, Rules(new Carousel(Enumerable.Repeat(Card(), 11).ToArray())));
        Assert.Equal(new[] { "IGM015" }, Rules(new Carousel(Array.Empty<GenericElement>())));
        Assert.Equal(new[] { "IGM016" }, Rules(new Carousel(new[] { Card(new string('t', 81)) })));
        Assert.Empty(Rules(new Carousel(new[] { Card(new string('t', 80)) })));
        Assert.Equal(new[] { "IGM016" }, Rules(new Carousel(new[] { new GenericElement("Hat") { Subtitle = new string('s', 81) } })));
        var bare = new GenericElement("Only a title");
        Assert.Equal(new[] { "IGM020" }, Rules(new Carousel(new[] { bare })));
        Assert.Equal(new[] { "IGM005" }, Rules(new Carousel(new[] { new GenericElement("Hat") { ImageUrl = AtRunTime("hat.jpg") } })));

        var fourButtons = Enumerable.Range(0, 4).Select(i => (Button)Button.Postback($"B{i}", $"P{i}")).ToArray();
        Assert.Equal(new[] { "IGM017" }, Rules(new Carousel(new[] { new GenericElement("Hat") { Buttons = fourButtons } })));
        Assert.Equal(new[] { "IGM005" }, Rules(new Carousel(new[] { new GenericElement("Hat") { Buttons = new Button[] { Button.Url("Go", AtRunTime("/relative")) } } })));
    }

    [Fact]
    public void Button_template_limits()
    {
        var go = Button.Url("Go", "https://shop.example");
        Assert.Empty(Rules(new NextStep(new string('x', 640), go)));
        Assert.Equal(new[] { "IGM016" }, Rules(new NextStep(new string('x', 641), go)));
        Assert.Equal(new[] { "IGM017" }, Rules(new NextStep("Next?", go, new Button[] { go, go, go })));
        Assert.Equal(new[] { "IGM017" }, Rules(new NextStep("Next?", null!)));
        Assert.Equal(new[] { "IGM010" }, Rules(new NextStep("Next?", Button.Postback("Talk", string.Empty))));
    }

    [Fact]
    public void Product_template_limits()
    {
        Assert.Empty(Rules(new Products(Enumerable.Range(0, 10).Select(i => $"p{i}").ToArray())));
        Assert.Equal(new[] { "IGM015" }, Rules(new Products(Enumerable.Range(0, 11).Select(i => $"p{i}").ToArray())));
        Assert.Equal(new[] { "IGM015" }, Rules(new Products(Array.Empty<string>())));
        Assert.Equal(new[] { "IGM010" }, Rules(new Products(new[] { AtRunTime(string.Empty) })));
    }
}
