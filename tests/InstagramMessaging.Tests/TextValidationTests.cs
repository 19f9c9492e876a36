using System.Linq;
using Xunit;

namespace InstagramMessaging.Tests;

public class TextValidationTests
{
    [Theory]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public void Text_limit_is_1000_utf8_bytes(int bytes, bool valid)
    {
        var violations = new TextMessage(new string('a', bytes)).Validate();
        Assert.Equal(valid, violations.Count == 0);
    }

    [Fact]
    public void Emoji_count_four_bytes_each()
    {
        var emoji = "😀";
        Assert.Empty(new TextMessage(string.Concat(Enumerable.Repeat(emoji, 250))).Validate());
        var violation = Assert.Single(new TextMessage(string.Concat(Enumerable.Repeat(emoji, 251))).Validate());
        Assert.Equal("IGM001", violation.RuleId);
        Assert.Equal("Text", violation.Member);
        Assert.Contains("1004", violation.Message);
    }

    [Fact]
    public void Two_byte_characters_count_two_bytes()
    {
        Assert.Empty(new TextMessage(new string('é', 500)).Validate());
        Assert.Equal("IGM001", Assert.Single(new TextMessage(new string('é', 500) + "a").Validate()).RuleId);
    }

    [Theory]
    [InlineData(null, "null")]
    [InlineData("", "empty")]
    public void Missing_text_is_a_violation(string? text, string word)
    {
        var violation = Assert.Single(new TextMessage(text!).Validate());
        Assert.Equal("IGM010", violation.RuleId);
        Assert.Contains(word, violation.Message);
    }

    // A value the analyzers cannot see (string.Empty is known to them: IGM010 at compile time).
    private static string Unknown(string value) => value;

    [Fact]
    public void Empty_reply_to_is_a_violation_but_null_is_not()
    {
        Assert.Empty(new ThreadedReply("hi", null).Validate());
        var violation = Assert.Single(new ThreadedReply("hi", Unknown(string.Empty)).Validate());
        Assert.Equal(("IGM010", "InReplyTo"), (violation.RuleId, violation.Member));
    }

    [Fact]
    public void Every_broken_rule_is_reported()
    {
        var violations = new ThreadedReply(new string('a', 1200), Unknown(string.Empty)).Validate();
        Assert.Equal(new[] { "IGM001", "IGM010" }, violations.Select(v => v.RuleId).ToArray());
    }
}
