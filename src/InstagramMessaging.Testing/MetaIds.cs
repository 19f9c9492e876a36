using System;
using System.Globalization;
using System.Text;
using System.Threading;

namespace InstagramMessaging.Testing;

// Ids shaped like Meta's: receivers that assume short or numeric ids, or a fixed prefix, fail here as they would live.
internal static class MetaIds
{
    // Real mids are base64 of an internal "ig_item" key, ending "ZDZD"; this prefix is what every one starts with.
    private const string MidPrefix = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE";
    private const string CdnBase = "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=";
    private const string SignatureAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static long s_counter;

    /// <summary>An Instagram professional account id: 17 digits starting 1784.</summary>
    public static string AccountId() => "1784" + Digits(13);

    /// <summary>An Instagram-scoped user id: 15 to 17 digits, never starting with 0.</summary>
    public static string Igsid() => Random.Shared.Next(1, 10).ToString(CultureInfo.InvariantCulture) + Digits(Random.Shared.Next(14, 17));

    /// <summary>An Instagram user id as a comment's <c>from.id</c> carries it: 16 digits starting 1 (spec 4.17's example).</summary>
    public static string IgUserId() => "1" + Digits(15);

    /// <summary>An opaque message id of 166 characters, unique within the process.</summary>
    public static string MessageId(string accountId)
    {
        // ":<account>:<38 digits>:<38 digits>" is a multiple of 3 bytes for a 17-digit account, so base64 needs no padding;
        // digits and colons only ever encode to letters and digits.
        var serial = Interlocked.Increment(ref s_counter).ToString("D12", CultureInfo.InvariantCulture);
        var key = ":" + accountId + ":" + Digits(26) + serial + ":" + Digits(38);
        var padded = (3 - (key.Length % 3)) % 3;
        key += new string('0', padded);
        return MidPrefix + Convert.ToBase64String(Encoding.ASCII.GetBytes(key)) + "ZDZD";
    }

    /// <summary>A numeric media or asset id (18 digits).</summary>
    public static string MediaId() => "18" + Digits(16);

    /// <summary>A comment id (17 digits starting 17), as comment webhooks carry in <c>value.id</c>.</summary>
    public static string CommentId() => "17" + Digits(15);

    /// <summary>A Click-to-Direct ad id (18 digits starting 1202), as <c>referral.ad_id</c> carries.</summary>
    public static string AdId() => "1202" + Digits(14);

    /// <summary>A catalog product id (16 digits, never starting with 0), as <c>referral.product.id</c> carries.</summary>
    public static string ProductId() => Random.Shared.Next(1, 10).ToString(CultureInfo.InvariantCulture) + Digits(15);

    /// <summary>The ad creative's image on Meta's CDN, as <c>ads_context_data.photo_url</c> carries.</summary>
    public static string AdPhotoUrl() => "https://scontent.xx.fbcdn.net/v/t45.1600-4/" + Digits(9) + "_" + Digits(17) + "_n.jpg";

    /// <summary>A lookaside CDN URL for a received attachment.</summary>
    public static string CdnUrl(string assetId)
    {
        var signature = new StringBuilder("Ab", 44);
        for (var i = 0; i < 42; i++)
        {
            signature.Append(SignatureAlphabet[Random.Shared.Next(SignatureAlphabet.Length)]);
        }

        return CdnBase + assetId + "&signature=" + signature;
    }

    private static string Digits(int count)
    {
        var digits = new char[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + Random.Shared.Next(10));
        }

        return new string(digits);
    }
}
