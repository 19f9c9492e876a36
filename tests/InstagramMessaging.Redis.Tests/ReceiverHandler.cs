using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.Redis.Tests;

public sealed class ReceiverHandler(HandledEvents events, ReceiverName name) : IInstagramWebhookHandler
{
    public ValueTask HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
        => new(events.HandleAsync(name.Value, webhookEvent, cancellationToken));
}
