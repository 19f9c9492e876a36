using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.AspNetCore.Tests;

// The smallest bot: answers what a customer writes, and matches on MessageReceivedEvent only, so its own sends
// (which come back as MessageEchoEvent) are never answered.
internal sealed class SampleBotHandler(RecordedEvents recorded) : IInstagramWebhookHandler
{
    public ValueTask HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        if (webhookEvent is MessageReceivedEvent message)
        {
            recorded.BotAnswers.Enqueue($"to {message.SenderId}: you said {message.Text}");
        }

        return ValueTask.CompletedTask;
    }
}
