using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.AspNetCore.Tests;

// The smallest bot: answers what a customer writes, and matches on MessageReceivedEvent only, so its own sends
// (which come back as MessageEchoEvent) are never answered; nor is self messaging (IsSelf: the account wrote to
// itself), which would otherwise loop (the answer is again a self message).
internal sealed class SampleBotHandler(RecordedEvents recorded) : IInstagramWebhookHandler
{
    public ValueTask HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        if (webhookEvent is MessageReceivedEvent { IsSelf: false, IsStandby: false } message && message.SenderId != message.AccountId)
        {
            recorded.BotAnswers.Enqueue($"to {message.SenderId}: you said {message.Text}");
        }

        return ValueTask.CompletedTask;
    }
}
