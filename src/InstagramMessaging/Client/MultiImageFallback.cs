using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Serialization;
using InstagramMessaging.Transport;

namespace InstagramMessaging;

// Several images on an account without multi-image sending (code 2, subcode 2534068): one message per image,
// the first one replying if the message does; the result is the first part's, with every part in Parts.
internal static class MultiImageFallback
{
    public static async Task<SendResult> SendAsync(GraphTransport transport, Recipient recipient, IMultiImageMessage message, SendOptions? options, CancellationToken cancellationToken)
    {
        var results = new List<SendResult>();
        var replyTo = message.ReplyToMessageId;
        foreach (var image in message.GetImages())
        {
            using var body = new PooledBufferWriter();
            RequestBodies.SingleImage(body, recipient, options, image, results.Count == 0 ? replyTo : null);
            var call = new GraphCall(System.Net.Http.HttpMethod.Post, transport.Messages, body.WrittenMemory, TrafficClass.Text, cancellationToken);
            results.Add(AnswerMapper.ToSendResult(await transport.SendAsync(call).ConfigureAwait(false)));
        }

        return results[0] with { Parts = results };
    }
}
