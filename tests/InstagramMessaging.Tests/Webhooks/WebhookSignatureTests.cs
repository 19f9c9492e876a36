using System;
using System.Security.Cryptography;
using System.Text;
using InstagramMessaging.Webhooks;
using Xunit;

namespace InstagramMessaging.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "meta-app-secret";
    private const string OtherSecret = "instagram-app-secret";

    // Meta's escaped form: "é" as \u00e9 and an emoji as a surrogate pair, exactly as sent and signed.
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "{\"object\":\"instagram\",\"entry\":[{\"time\":1781520016812,\"id\":\"17841405822304914\",\"messaging\":[{\"sender\":{\"id\":\"7241980365028173\"},\"recipient\":{\"id\":\"17841405822304914\"},\"timestamp\":1781520015307,\"message\":{\"mid\":\"aWdfZAG1\",\"text\":\"Caf\\u00e9? \\ud83d\\ude0a\"}}]}]}");

    [Fact]
    public void Compute_matches_an_independent_hmac_sha256_in_lowercase_hex()
    {
        // Known answer from RFC 4231 test case 2 (key "Jefe"), so the expected value is not produced by our code.
        var body = Encoding.ASCII.GetBytes("what do ya want for nothing?");
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", InstagramWebhookSignature.Compute(body, "Jefe"));
    }

    [Fact]
    public void A_valid_signature_is_accepted_and_the_prefix_is_case_insensitive()
    {
        var header = Sign(Body, Secret);
        Assert.True(InstagramWebhookSignature.IsValid(Body, header, Secret));
        Assert.True(InstagramWebhookSignature.IsValid(Body, "SHA256=" + header["sha256=".Length..], Secret));
        Assert.True(InstagramWebhookSignature.IsValid(Body, header.ToUpperInvariant().Replace("SHA256=", "sha256="), Secret));
    }

    [Fact]
    public void A_wrong_secret_is_refused()
        => Assert.False(InstagramWebhookSignature.IsValid(Body, Sign(Body, "another"), Secret));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=zz")]
    [InlineData("md5=0123")]
    public void Missing_or_garbled_headers_are_invalid(string? header)
        => Assert.False(InstagramWebhookSignature.IsValid(Body, header, Secret));

    [Fact]
    public void A_truncated_or_non_hex_digest_is_invalid()
    {
        var header = Sign(Body, Secret);
        Assert.False(InstagramWebhookSignature.IsValid(Body, header[..^2], Secret));
        Assert.False(InstagramWebhookSignature.IsValid(Body, header[..^1] + "g", Secret));
        Assert.False(InstagramWebhookSignature.IsValid(Body, header + "00", Secret));
    }

    [Fact]
    public void The_legacy_sha1_header_is_never_accepted()
    {
        var sha1 = "sha1=" + Convert.ToHexString(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Secret), Body)).ToLowerInvariant();
        Assert.False(InstagramWebhookSignature.IsValid(Body, sha1, Secret));
    }

    [Fact]
    public void A_tampered_body_is_refused()
    {
        var header = Sign(Body, Secret);
        var tampered = (byte[])Body.Clone();
        tampered[^10] ^= 1;
        Assert.False(InstagramWebhookSignature.IsValid(tampered, header, Secret));
    }

    [Fact]
    public void A_body_re_serialised_without_escapes_no_longer_matches()
    {
        // Hashing decoded text instead of the raw bytes is the classic mistake; the check must be on bytes.
        var header = Sign(Body, Secret);
        var unescaped = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("\\u00e9", "é").Replace("\\ud83d\\ude0a", "😊"));
        Assert.False(InstagramWebhookSignature.IsValid(unescaped, header, Secret));
    }

    [Fact]
    public void Any_of_several_secrets_matches_and_the_matching_one_is_named()
    {
        var secrets = new[] { Secret, OtherSecret };
        Assert.True(InstagramWebhookSignature.IsValid(Body, Sign(Body, OtherSecret), secrets));
        Assert.Equal(1, InstagramWebhookSignature.FindMatchingSecret(Body, Sign(Body, OtherSecret), secrets));
        Assert.Equal(0, InstagramWebhookSignature.FindMatchingSecret(Body, Sign(Body, Secret), secrets));
        Assert.Equal(-1, InstagramWebhookSignature.FindMatchingSecret(Body, Sign(Body, "rotated-out"), secrets));
        Assert.Equal(-1, InstagramWebhookSignature.FindMatchingSecret(Body, null, secrets));
    }

    [Fact]
    public void No_secret_at_all_is_a_configuration_error_not_a_silent_pass()
    {
        Assert.Throws<ArgumentException>(() => InstagramWebhookSignature.IsValid(Body, Sign(Body, Secret), Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => InstagramWebhookSignature.IsValid(Body, Sign(Body, Secret), string.Empty));
    }

    // The test's own HMAC, independent of the code under test.
    private static string Sign(byte[] body, string secret)
        => "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)).ToLowerInvariant();
}
