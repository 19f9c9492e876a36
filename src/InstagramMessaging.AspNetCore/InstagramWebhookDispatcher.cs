using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InstagramMessaging.Webhooks;

// Takes accepted events from the queue and calls every handler on each, in a new DI scope per event. Events are
// partitioned by customer (else by account): one lane per partition runs its events one by one, in queue order;
// up to MaxConcurrency lanes run at once. Shutdown stops new deliveries (the queue refuses: 503) and drains what was
// accepted, up to ShutdownDrainTimeout.
internal sealed class InstagramWebhookDispatcher : BackgroundService
{
    private static readonly TimeSpan QueueRetryDelay = TimeSpan.FromSeconds(1);

    private readonly IInstagramWebhookQueue _queue;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly TimeSpan _drainTimeout;
    private readonly SemaphoreSlim _slots;
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private int _runningLanes;
    private TaskCompletionSource? _allLanesDone;

    public InstagramWebhookDispatcher(IInstagramWebhookQueue queue, IServiceScopeFactory scopes, IOptions<InstagramWebhookOptions> options, ILogger<InstagramWebhookDispatcher> logger)
    {
        _queue = queue;
        _scopes = scopes;
        _logger = logger;
        _drainTimeout = options.Value.ShutdownDrainTimeout;
        _slots = new SemaphoreSlim(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Complete();
        if (ExecuteTask is { IsCompleted: false } running)
        {
            using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            drain.CancelAfter(_drainTimeout);
            try
            {
                await running.WaitAsync(drain.Token).ConfigureAwait(false);
                WebhookLog.Drained(_logger);
            }
            catch (OperationCanceledException)
            {
                WebhookLog.DrainIncomplete(_logger, _drainTimeout);
            }
        }

        // Cancels the handlers still running (only when the drain timed out) and waits for the loop to end.
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (await NextAsync(stoppingToken).ConfigureAwait(false) is { } item)
            {
                var partition = PartitionOf(item.Event);
                lock (_gate)
                {
                    if (_lanes.TryGetValue(partition, out var busy))
                    {
                        busy.Items.Enqueue(item);
                        continue;
                    }
                }

                // Only this loop opens lanes, so no lane for this partition can appear while it waits for a slot.
                await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var lane = new Lane(partition);
                lane.Items.Enqueue(item);
                lock (_gate)
                {
                    _lanes.Add(partition, lane);
                    _runningLanes++;
                }

                _ = Task.Run(() => RunLaneAsync(lane, stoppingToken), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        Task lanesDone;
        lock (_gate)
        {
            if (_runningLanes == 0)
            {
                return;
            }

            _allLanesDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lanesDone = _allLanesDone.Task;
        }

        await lanesDone.ConfigureAwait(false);
    }

    // A queue that fails (a shared store unreachable) is logged and retried: an exception escaping a BackgroundService
    // would stop the whole host.
    private async ValueTask<InstagramWebhookQueueItem?> NextAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                return await _queue.DequeueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                WebhookLog.DequeueFailed(_logger, e, QueueRetryDelay);
                await Task.Delay(QueueRetryDelay, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static string PartitionOf(InstagramWebhookEvent webhookEvent)
        => webhookEvent.CustomerId is { } customer ? string.Concat(webhookEvent.AccountId, "/", customer) : webhookEvent.AccountId;

    private async Task RunLaneAsync(Lane lane, CancellationToken stoppingToken)
    {
        while (true)
        {
            InstagramWebhookQueueItem? item;
            lock (_gate)
            {
                if (!lane.Items.TryDequeue(out item))
                {
                    _lanes.Remove(lane.Partition);
                    _slots.Release();
                    if (--_runningLanes == 0)
                    {
                        _allLanesDone?.TrySetResult();
                    }

                    return;
                }
            }

            // After the drain timed out, what is left is dropped, not started.
            if (stoppingToken.IsCancellationRequested)
            {
                continue;
            }

            var failure = await HandleAsync(item.Event, stoppingToken).ConfigureAwait(false);
            try
            {
                if (failure is null)
                {
                    await _queue.AcknowledgeAsync(item, CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    await _queue.AcknowledgeFailureAsync(item, failure, CancellationToken.None).ConfigureAwait(false);
                }

                WebhookTelemetry.Queued.Add(-1);
            }
            catch (Exception e)
            {
                WebhookLog.AcknowledgeFailed(_logger, e, item.Event.DedupeKey);
            }
        }
    }

    // The first handler failure, or null when every handler succeeded.
    private async Task<Exception?> HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        var eventType = webhookEvent.GetType().Name;
        using var activity = WebhookTelemetry.Source.StartActivity("instagram.webhooks.handle", ActivityKind.Consumer);
        activity?.SetTag(WebhookTelemetry.EventTypeTag, eventType);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            IEnumerable<IInstagramWebhookHandler> handlers;
            try
            {
                handlers = scope.ServiceProvider.GetServices<IInstagramWebhookHandler>();
            }
            catch (Exception e)
            {
                Failed(e, "(resolving handlers)", webhookEvent, eventType);
                return e;
            }

            foreach (var handler in handlers)
            {
                var started = Stopwatch.GetTimestamp();
                var handlerName = handler.GetType().Name;
                try
                {
                    await handler.HandleAsync(webhookEvent, cancellationToken).ConfigureAwait(false);
                    WebhookTelemetry.Handled.Add(1, new KeyValuePair<string, object?>(WebhookTelemetry.EventTypeTag, eventType));
                }
                catch (Exception e)
                {
                    Failed(e, handlerName, webhookEvent, eventType);
                    activity?.SetStatus(ActivityStatusCode.Error);
                    failure ??= e;
                }
                finally
                {
                    WebhookTelemetry.HandlerDuration.Record(
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                        new KeyValuePair<string, object?>(WebhookTelemetry.EventTypeTag, eventType),
                        new KeyValuePair<string, object?>(WebhookTelemetry.HandlerTag, handlerName));
                }
            }
        }

        return failure;
    }

    private void Failed(Exception exception, string handlerName, InstagramWebhookEvent webhookEvent, string eventType)
    {
        WebhookTelemetry.Failed.Add(
            1,
            new KeyValuePair<string, object?>(WebhookTelemetry.EventTypeTag, eventType),
            new KeyValuePair<string, object?>(WebhookTelemetry.HandlerTag, handlerName));
        WebhookLog.HandlerFailed(_logger, exception, handlerName, eventType, webhookEvent.DedupeKey);
    }

    private sealed class Lane(string partition)
    {
        public string Partition { get; } = partition;

        public Queue<InstagramWebhookQueueItem> Items { get; } = new();
    }
}
