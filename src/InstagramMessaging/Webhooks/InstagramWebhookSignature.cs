using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Proves a webhook came from Meta: <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c> is the HMAC-SHA256 of the raw body
/// bytes keyed with the app secret. Hash the bytes as received, before any parsing: Meta signs its
/// escaped-Unicode text, and a re-serialised body no longer matches. The legacy SHA-1 header is never accepted.
/// </summary>
public static class InstagramWebhookSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string HeaderName = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";
    private const int HexLength = SHA256.HashSizeInBytes * 2;

    /// <summary>Whether <paramref name="signatureHeader"/> is the signature of <paramref name="body"/> under <paramref name="appSecret"/>.</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="signatureHeader">The <c>X-Hub-Signature-256</c> header value; null or malformed is invalid.</param>
    /// <param name="appSecret">The app secret (Meta app secret for Facebook Login, Instagram app secret for Instagram Login).</param>
    public static bool IsValid(ReadOnlySpan<byte> body, string? signatureHeader, string appSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        return TryDecode(signatureHeader, expected) && Matches(body, expected, appSecret);
    }

    /// <summary>Whether the signature matches under any of <paramref name="appSecrets"/> (both login flavours, or a rotation).</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="signatureHeader">The <c>X-Hub-Signature-256</c> header value; null or malformed is invalid.</param>
    /// <param name="appSecrets">The secrets to try; at least one.</param>
    public static bool IsValid(ReadOnlySpan<byte> body, string? signatureHeader, IEnumerable<string> appSecrets)
        => FindMatchingSecret(body, signatureHeader, appSecrets) >= 0;

    /// <summary>
    /// The position in <paramref name="appSecrets"/> of the secret that signed <paramref name="body"/>, or -1 when
    /// none did (or the header is missing or malformed). Useful to log which flavour's secret matched.
    /// </summary>
    public static int FindMatchingSecret(ReadOnlySpan<byte> body, string? signatureHeader, IEnumerable<string> appSecrets)
    {
        ArgumentNullException.ThrowIfNull(appSecrets);
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        var decoded = TryDecode(signatureHeader, expected);
        var index = 0;
        var any = false;
        var match = -1;
        foreach (var secret in appSecrets)
        {
            ArgumentException.ThrowIfNullOrEmpty(secret, nameof(appSecrets));
            any = true;

            // Every secret is tried, so the time taken does not say which one matched.
            if (decoded && Matches(body, expected, secret) && match < 0)
            {
                match = index;
            }

            index++;
        }

        if (!any)
        {
            throw new ArgumentException("At least one app secret is needed to verify a webhook signature.", nameof(appSecrets));
        }

        return match;
    }

    /// <summary>The <c>X-Hub-Signature-256</c> value Meta would send for <paramref name="body"/>: <c>sha256=</c> and 64 lowercase hex digits.</summary>
    public static string Compute(ReadOnlySpan<byte> body, string appSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(body, appSecret, hash);
        return Prefix + Convert.ToHexString(hash).ToLowerInvariant();
    }

    private static bool Matches(ReadOnlySpan<byte> body, ReadOnlySpan<byte> expected, string appSecret)
    {
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(body, appSecret, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    // Keying an HMAC costs about as much as hashing a webhook body (measured: the one-shot HashData made the endpoint
    // ~8% slower on loopback), and an endpoint verifies with the same few secrets all day: each thread keeps its keyed
    // instances (at most 8; the options hold the same secrets for the app's lifetime anyway).
    [ThreadStatic]
    private static Dictionary<string, HMACSHA256>? t_keyed;

    private static void Hash(ReadOnlySpan<byte> body, string appSecret, Span<byte> destination)
    {
        var keyed = t_keyed ??= new Dictionary<string, HMACSHA256>(StringComparer.Ordinal);
        if (!keyed.TryGetValue(appSecret, out var hmac))
        {
            if (keyed.Count >= 8)
            {
                foreach (var old in keyed.Values)
                {
                    old.Dispose();
                }

                keyed.Clear();
            }

            hmac = new HMACSHA256(Encoding.UTF8.GetBytes(appSecret));
            keyed.Add(appSecret, hmac);
        }

        hmac.TryComputeHash(body, destination, out _);
    }

    // "sha256=" (prefix case-insensitive) followed by exactly 64 hex digits; anything else is no signature.
    private static bool TryDecode(string? header, Span<byte> destination)
    {
        if (header is null)
        {
            return false;
        }

        var value = header.AsSpan().Trim();
        if (value.Length != Prefix.Length + HexLength || !value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hex = value[Prefix.Length..];
        for (var i = 0; i < SHA256.HashSizeInBytes; i++)
        {
            var high = HexValue(hex[2 * i]);
            var low = HexValue(hex[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            destination[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
