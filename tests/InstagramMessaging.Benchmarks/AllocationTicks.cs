using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// The runtime's GC allocation ticks (one event per ~100 KB allocated, naming the type of the object that
/// crossed the mark), counted by type: a sampled allocation profile of this process.
/// </summary>
public sealed class AllocationTicks : EventListener
{
    private const int GCAllocationTick = 10;
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    public IEnumerable<(string Type, double Share)> Shares()
    {
        var total = (double)Math.Max(1, _bytes.Values.Sum());
        return _bytes.OrderByDescending(b => b.Value).Select(b => (b.Key, b.Value / total));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != GCAllocationTick || eventData.Payload is null)
        {
            return;
        }

        var index = eventData.PayloadNames!.IndexOf("TypeName");
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64");
        var type = index >= 0 ? eventData.Payload[index] as string ?? "?" : "?";
        var bytes = amount >= 0 ? Convert.ToInt64(eventData.Payload[amount], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, bytes, (_, b) => b + bytes);
    }
}
