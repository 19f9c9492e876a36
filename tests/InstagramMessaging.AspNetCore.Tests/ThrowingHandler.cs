using System;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.AspNetCore.Tests;

// Throws on every message whose text says "boom", as a handler with a bug would.
internal sealed class ThrowingHandler : IInstagramWebhookHandler
{
    public ValueTask HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
        => webhookEvent is MessageContentEvent { Text: "boom" }
            ? throw new InvalidOperationException("handler bug")
            : ValueTask.CompletedTask;
}
