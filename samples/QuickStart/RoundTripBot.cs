using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging;
using InstagramMessaging.Webhooks;

namespace QuickStart;

/// <summary>
/// The receiving half: answers what a customer writes, with the README bot's guard (never the account messaging
/// itself, a thread another app owns or the dashboard's test delivery; its own echoes are another type).
/// </summary>
public sealed class RoundTripBot(InstagramMessenger messenger, RoundTripLog log) : IInstagramWebhookHandler
{
    public async ValueTask HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        // A customer's message: not the account messaging itself (flagged or not), not a thread another app owns, not
        // the dashboard's test delivery. The business's own sends come back as MessageEchoEvent and are never answered.
        if (webhookEvent is MessageReceivedEvent { IsSelf: false, IsStandby: false, IsTest: false, Text: { } text, SenderId: { } customer } message
            && customer != webhookEvent.AccountId)
        {
            log.Received(customer, text);
            var answer = await new OrderShipped("Your order #1042 arrives on Friday.", InReplyTo: message.MessageId)
                .SendAsync(messenger, Recipient.Id(customer), cancellationToken: cancellationToken);
            log.Answered(answer);
        }
    }
}
