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
    private readonly Dictionary<LanePartition, Lane> _lanes = new();
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _queueCompleted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<InstagramWebhookQueueItem> _pending = new();
    private int _runningLanes;
    private TaskCompletionSource? _allLanesDone;

    // Push mode (the in-memory queue): the queue hands each event to Accept inside its write, with no channel and no
    // async loop in between; lanes are opened there, slots counted in _freeSlots, and events that find no free slot
    // wait in _pending in arrival order. Pull mode (any other queue): the loop below takes events with DequeueAsync.
    private bool _push;
    private bool _accepting = true;
    private int _freeSlots;

    public InstagramWebhookDispatcher(IInstagramWebhookQueue queue, IServiceScopeFactory scopes, IOptions<InstagramWebhookOptions> options, ILogger<InstagramWebhookDispatcher> logger)
    {
        _queue = queue;
        _scopes = scopes;
        _logger = logger;
        _drainTimeout = options.Value.ShutdownDrainTimeout;
        _slots = new SemaphoreSlim(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
        _freeSlots = options.Value.MaxConcurrency;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the server takes requests: from here on the in-memory queue calls Accept for every event it keeps.
        if (_queue is InMemoryWebhookQueue inMemory)
        {
            _push = inMemory.TryAttach(Accept, CompleteAccepting);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
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
        await _stopping.CancelAsync().ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (_push)
        {
            try
            {
                await _queueCompleted.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }

            await LanesDoneAsync().ConfigureAwait(false);
            return;
        }

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
                var lane = new Lane(this, partition, stoppingToken, ExecutionContext.Capture());
                lane.Items.Enqueue(item);
                lock (_gate)
                {
                    _lanes.Add(partition, lane);
                    _runningLanes++;
                }

                // When this step runs inside the endpoint's queue write, the lane is started once the request's answer
                // is out; otherwise at once (no closure, no Task: the lane is the thread-pool work item).
                if (!LanesAfterAnswer.TryDefer(lane))
                {
                    ThreadPool.UnsafeQueueUserWorkItem(lane, preferLocal: false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await LanesDoneAsync().ConfigureAwait(false);
    }

    private Task LanesDoneAsync()
    {
        lock (_gate)
        {
            if (_runningLanes == 0)
            {
                return Task.CompletedTask;
            }

            _allLanesDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _allLanesDone.Task;
        }
    }

    // Push mode: called by the in-memory queue inside its write (on the request thread). False once the queue is
    // complete (shutting down): the queue then refuses the event.
    private bool Accept(InstagramWebhookQueueItem item)
    {
        var partition = PartitionOf(item.Event);
        lock (_gate)
        {
            if (!_accepting)
            {
                return false;
            }

            if (_pending.Count == 0)
            {
                if (_lanes.TryGetValue(partition, out var busy))
                {
                    busy.Items.Enqueue(item);
                    return true;
                }

                if (_freeSlots > 0)
                {
                    _freeSlots--;
                    OpenLane(partition, item, _stopping.Token);
                    return true;
                }
            }

            // Every slot is taken: wait in arrival order behind what already waits.
            _pending.Enqueue(item);
            return true;
        }
    }

    private void CompleteAccepting()
    {
        lock (_gate)
        {
            _accepting = false;
        }

        _queueCompleted.TrySetResult();
    }

    // Push mode, under _gate, when a slot came free: waiting events go to their busy lanes or open new ones, in order.
    private void OpenPendingLanes()
    {
        while (_pending.TryPeek(out var next))
        {
            var partition = PartitionOf(next.Event);
            if (_lanes.TryGetValue(partition, out var busy))
            {
                busy.Items.Enqueue(_pending.Dequeue());
                continue;
            }

            if (_freeSlots == 0)
            {
                return;
            }

            _freeSlots--;
            OpenLane(partition, _pending.Dequeue(), _stopping.Token);
        }
    }

    // Under _gate. When this runs inside the endpoint's queue write, the lane is started once the request's answer is
    // out; otherwise at once (no closure, no Task: the lane is the thread-pool work item).
    private void OpenLane(LanePartition partition, InstagramWebhookQueueItem item, CancellationToken stoppingToken)
    {
        var lane = new Lane(this, partition, stoppingToken, ExecutionContext.Capture());
        lane.Items.Enqueue(item);
        _lanes.Add(partition, lane);
        _runningLanes++;
        if (!LanesAfterAnswer.TryDefer(lane))
        {
            ThreadPool.UnsafeQueueUserWorkItem(lane, preferLocal: false);
        }
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

    private static LanePartition PartitionOf(InstagramWebhookEvent webhookEvent) => new(webhookEvent.AccountId, webhookEvent.CustomerId);

    // Runs on a thread-pool thread, never on a request thread: a handler that blocks holds its own lane only.
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
                    if (_push)
                    {
                        _freeSlots++;
                        OpenPendingLanes();
                    }
                    else
                    {
                        _slots.Release();
                    }

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

    // One partition's events in order; the lane is its own thread-pool work item.
    private sealed class Lane(InstagramWebhookDispatcher owner, LanePartition partition, CancellationToken stoppingToken, ExecutionContext? context)
        : IThreadPoolWorkItem
    {
        private static readonly ContextCallback Start = static state => ((Lane)state!).Run();

        public LanePartition Partition { get; } = partition;

        public Queue<InstagramWebhookQueueItem> Items { get; } = new();

        public void Execute()
        {
            // The execution context of whoever opened the lane, as Task.Run would have flowed it: the dispatcher's
            // loop (a queue read with DequeueAsync), or the request whose queue write opened it (push mode), so the
            // handlers' activities and log scopes belong to the delivery that brought their first event.
            if (context is null)
            {
                Run();
            }
            else
            {
                ExecutionContext.Run(context, Start, this);
            }
        }

        private void Run() => _ = owner.RunLaneAsync(this, stoppingToken);
    }
}
