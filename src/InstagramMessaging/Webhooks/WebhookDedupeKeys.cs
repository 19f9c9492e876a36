using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace InstagramMessaging.Webhooks;

// One key per event, never per body (the spec's §6): the same event re-sent inside another batch has the same key;
// an echo and an incoming message that share a mid do not. Every key starts with the account.
internal static class WebhookDedupeKeys
{
    public static string Message(string account, string mid, string direction) => $"{account}:message:{mid}:{direction}";

    public static string Deleted(string account, string mid) => $"{account}:deleted:{mid}";

    // num_edit identifies an edit; Meta also sends num_edit 0 items without a change, told apart by their text.
    public static string Edit(string account, string mid, int editCount, string? text)
        => editCount > 0 || text is null
            ? $"{account}:edit:{mid}:{editCount.ToString(CultureInfo.InvariantCulture)}"
            : $"{account}:edit:{mid}:0:{ShortHash(Encoding.UTF8.GetBytes(text))}";

    public static string Reaction(string account, string mid, string? sender, ReactionAction action, string? reaction, DateTimeOffset time)
        => $"{account}:reaction:{mid}:{sender}:{(action == ReactionAction.React ? "react" : "unreact")}:{reaction}:{Millis(time)}";

    public static string Read(string account, string? mid, DateTimeOffset? watermark, string? sender)
        => $"{account}:read:{mid ?? (watermark is { } w ? Millis(w) : null)}:{sender}";

    public static string Postback(string account, string? mid, string? sender, DateTimeOffset time, string? payload)
        => mid is not null ? $"{account}:postback:{mid}" : $"{account}:postback:{sender}:{Millis(time)}:{payload}";

    public static string Referral(string account, string? sender, string? reference, DateTimeOffset time)
        => $"{account}:referral:{sender}:{reference}:{Millis(time)}";

    public static string Other(string account, string kind, string? sender, DateTimeOffset time)
        => $"{account}:{kind}:{sender}:{Millis(time)}";

    // An event we do not model: its kind and sender plus its content, since nothing else is known to identify it. Not
    // its time: an item's own timestamp is part of its content already, and a change's time is the entry's, which Meta
    // sets anew for every body, so the same change re-sent in another batch would get another key.
    public static string Unknown(string account, string kind, string? sender, string rawJson)
        => $"{account}:{kind}:{sender}:{ShortHash(Encoding.UTF8.GetBytes(rawJson))}";

    public static string Comment(string account, string field, string commentId) => $"{account}:{field}:{commentId}";

    public static string Mention(string account, string? mediaId, string? commentId) => $"{account}:mentions:{mediaId}:{commentId}";

    private static string Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static string ShortHash(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return Convert.ToHexString(hash[..8]).ToLowerInvariant();
    }
}
