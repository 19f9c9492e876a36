using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Rules;

namespace InstagramMessaging;

// An upload from a stream: read at most one byte past the kind's limit, then checked for size and type before
// anything is sent.
internal static class MediaUpload
{
    public static async Task<byte[]> ReadCheckedAsync(MediaKind kind, Stream content, string fileName, CancellationToken cancellationToken)
    {
        var limit = MessageRules.MaxMediaBytes(kind);
        var data = await ReadAtMostAsync(content, limit + 1, cancellationToken).ConfigureAwait(false);

        List<MessageRuleViolation>? violations = null;
        if (data.Length > limit)
        {
            violations = new() { new(RuleIds.MediaTooLarge, fileName, MessageRules.MediaTooLarge.Format(fileName, content.CanSeek ? content.Length : data.Length, MessageRules.JsonType(kind), limit / (1024 * 1024))) };
        }
        else if (MessageRules.IsMediaTypeRejected(kind, fileName, out var extension))
        {
            violations = new() { new(RuleIds.MediaTypeNotSupported, fileName, MessageRules.MediaTypeNotSupported.Format(fileName, extension, MessageRules.JsonType(kind), string.Join(", ", MessageRules.MediaTypes(kind)))) };
        }

        MessengerGuards.ThrowIfInvalid(violations);
        return data;
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream content, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < max && (read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, max - buffer.Length)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
