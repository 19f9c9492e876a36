using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.AspNetCore.Tests;

// Records the id of a scoped dependency, to show each event gets its own scope.
internal sealed class ScopeHandler(ScopeHandler.PerScope scope, RecordedEvents recorded) : IInstagramWebhookHandler
{
    public static ConcurrentBag<Guid> Seen { get; } = [];

    public ValueTask HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        Seen.Add(scope.Id);
        return recorded.RecordAsync(webhookEvent, cancellationToken);
    }

    internal sealed class PerScope
    {
        public Guid Id { get; } = Guid.NewGuid();
    }
}
