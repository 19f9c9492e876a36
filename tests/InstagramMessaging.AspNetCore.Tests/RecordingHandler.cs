using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.AspNetCore.Tests;

internal sealed class RecordingHandler(RecordedEvents recorded) : IInstagramWebhookHandler
{
    public ValueTask HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
        => recorded.RecordAsync(webhookEvent, cancellationToken);
}
