using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging;
using InstagramMessaging.Webhooks;

namespace QuickStart;

/// <summary>
/// The receiving half in a dozen lines: answers what a customer writes (and, being a
/// <see cref="MessageReceivedEvent"/> handler, never its own echoes).
/// </summary>
public sealed class RoundTripBot(InstagramMessenger messenger, RoundTripLog log) : IInstagramWebhookHandler
{
    public async ValueTask HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        if (webhookEvent is MessageReceivedEvent { Text: { } text, SenderId: { } customer } message)
        {
            log.Received(customer, text);
            var answer = await new OrderShipped("Your order #1042 arrives on Friday.", InReplyTo: message.MessageId)
                .SendAsync(messenger, Recipient.Id(customer), cancellationToken: cancellationToken);
            log.Answered(answer);
        }
    }
}
