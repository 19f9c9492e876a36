using System;
using System.Net.Http;
using Xunit;

namespace InstagramMessaging.Tests;

// Configuration cannot reshape the request URL, send the token in clear, or break the Authorization header; and
// every refusal names the setting, never its value.
public class InstagramMessengerOptionsTests
{
    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("v25.0?x=1")]
    [InlineData("v25.0#frag")]
    [InlineData("v1\\..\\..")]
    [InlineData("v25.0 ")]
    [InlineData("25.0")]
    [InlineData("v25")]
    [InlineData("v.0")]
    [InlineData("v25.")]
    [InlineData("V25.0")]
    [InlineData("v25.0/me")]
    public void An_api_version_not_shaped_like_metas_is_refused(string version)
        => AssertRefused(new InstagramMessengerOptions { AccessToken = "t", ApiVersion = version }, "ApiVersion", null);

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a?b")]
    [InlineData("12a")]
    [InlineData("me/")]
    [InlineData("%2e%2e")]
    [InlineData(" 123")]
    [InlineData("ME")]
    public void A_page_id_other_than_me_or_digits_is_refused(string page)
        => AssertRefused(new InstagramMessengerOptions { AccessToken = "t", PageId = page }, "PageId", null);

    [Theory]
    [InlineData("v25.0", "me")]
    [InlineData("v3.10", "17841400000000000")]
    public void Metas_shapes_are_accepted(string version, string page)
        => Assert.Null(new InstagramMessengerOptions { AccessToken = "t", ApiVersion = version, PageId = page }.FindProblem());

    [Theory]
    [InlineData("http://graph.facebook.com/")]
    [InlineData("http://10.0.0.5:8080/")]
    [InlineData("http://example.com/")]
    public void Clear_text_http_is_refused_for_any_host_but_loopback(string address)
        => AssertRefused(new InstagramMessengerOptions { AccessToken = "t", BaseAddress = new Uri(address) }, "BaseAddress", "never-printed");

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://[::1]:5000/")]
    [InlineData("https://graph.facebook.com/")]
    public void Https_or_a_loopback_host_is_accepted(string address)
        => Assert.Null(new InstagramMessengerOptions { AccessToken = "t", BaseAddress = new Uri(address) }.FindProblem());

    [Theory]
    [InlineData("https://user:pa55word-in-url@graph.facebook.com/", "pa55word-in-url")]
    [InlineData("https://graph.facebook.com/?access_token=tok-in-url", "tok-in-url")]
    [InlineData("https://graph.facebook.com/v1/#tok-in-fragment", "tok-in-fragment")]
    public void A_base_address_with_credentials_or_a_query_is_refused_without_echoing_it(string address, string secret)
        => AssertRefused(new InstagramMessengerOptions { AccessToken = "t", BaseAddress = new Uri(address) }, "BaseAddress", secret);

    [Theory]
    [InlineData("EAAB-token-from-a-file\n")]
    [InlineData("EAAB-token\r\nX-Injected: 1")]
    [InlineData("EAAB token")]
    [InlineData("\tEAAB-token")]
    [InlineData("EAAB-tökén")]
    [InlineData("EAAB-token\u0000")]
    public void A_token_with_whitespace_control_or_non_ascii_characters_is_refused(string token)
        => AssertRefused(new InstagramMessengerOptions { AccessToken = token }, "AccessToken", "EAAB");

    [Fact]
    public void An_app_secret_with_a_trailing_newline_is_refused()
        => AssertRefused(new InstagramMessengerOptions { AccessToken = "t", AppSecret = "0123abcd-secret\n" }, "AppSecret", "0123abcd");

    [Fact]
    public void Options_print_no_user_information()
    {
        var text = new InstagramMessengerOptions { AccessToken = "t", BaseAddress = new Uri("https://user:pa55word-in-url@graph.facebook.com/") }.ToString();
        Assert.DoesNotContain("pa55word-in-url", text);
    }

    private static void AssertRefused(InstagramMessengerOptions options, string setting, string? secretPart)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new InstagramMessenger(new HttpClient(), options));
        Assert.Contains("InstagramMessengerOptions." + setting, ex.Message);
        if (secretPart is not null)
        {
            Assert.DoesNotContain(secretPart, ex.Message);
        }
    }

    [Theory]
    [InlineData(null, "AccessToken")]
    [InlineData("t", "ApiVersion", "")]
    [InlineData("t", "PageId", "v25.0", "a/b")]
    public void Options_that_cannot_work_are_refused_by_name(string? token, string named, string? version = "v25.0", string? page = "me")
    {
        var options = new InstagramMessengerOptions { AccessToken = token, ApiVersion = version!, PageId = page! };
        var ex = Assert.Throws<InvalidOperationException>(() => new InstagramMessenger(new HttpClient(), options));
        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void Options_never_print_secrets()
    {
        var text = new InstagramMessengerOptions { AccessToken = "tok-123", AppSecret = "sec-456" }.ToString();
        Assert.DoesNotContain("tok-123", text);
        Assert.DoesNotContain("sec-456", text);
        Assert.Contains("v25.0", text);
    }
}
