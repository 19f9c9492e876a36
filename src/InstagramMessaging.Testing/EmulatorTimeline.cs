using System;
using System.Collections.Generic;
using System.Linq;

namespace InstagramMessaging.Testing;

// Every conversation's entries in order of arrival, bounded so a long-running emulator does not grow for ever.
internal sealed class EmulatorTimeline
{
    private const int MaxEntries = 20_000;
    private readonly object _gate = new();
    private readonly LinkedList<TimelineEntry> _entries = new();
    private long _sequence;

    public void Add(TimelineEntry entry)
    {
        lock (_gate)
        {
            entry.Sequence = ++_sequence;
            _entries.AddLast(entry);
            if (_entries.Count > MaxEntries)
            {
                _entries.RemoveFirst();
            }
        }
    }

    public IReadOnlyList<TimelineEntry> Of(string conversation)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.Conversation == conversation).ToArray();
        }
    }

    public IReadOnlyList<TimelineEntry> All()
    {
        lock (_gate)
        {
            return _entries.ToArray();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
