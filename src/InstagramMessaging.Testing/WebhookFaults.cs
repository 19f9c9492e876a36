using System;
using System.Collections.Generic;

namespace InstagramMessaging.Testing;

/// <summary>
/// What the emulator does to webhook deliveries, as Meta does in real life: duplicates, reordering, batching, delays,
/// wrong signatures and bodies without escapes. Every random choice comes from one seeded sequence, so a run with
/// the same <see cref="Seed"/> and the same actions makes the same choices. Thread-safe.
/// </summary>
public sealed class WebhookFaults
{
    private readonly object _gate = new();
    private Random _random = new(1);
    private double _duplicateRate;
    private double _wrongSignatureRate;
    private int _batchSize = 1;
    private int _reorderWindow = 1;

    /// <summary>Probability (0 to 1) that an event is delivered a second time, as Meta does after a lost acknowledgement or when re-batching.</summary>
    public double DuplicateRate
    {
        get => _duplicateRate;
        set => _duplicateRate = Probability(value);
    }

    /// <summary>
    /// Shuffles the order of events within groups of this many (1, the default, keeps order). Events wait, up to
    /// <see cref="EmulatorWebhooks.FlushWindow"/> or <see cref="EmulatorWebhooks.FlushAsync"/>, until a group is full.
    /// </summary>
    public int ReorderWindow
    {
        get => _reorderWindow;
        set => _reorderWindow = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The reorder window is at least 1.");
    }

    /// <summary>
    /// How many events one POST carries (1, the default, sends each alone). Events wait, up to
    /// <see cref="EmulatorWebhooks.FlushWindow"/> or <see cref="EmulatorWebhooks.FlushAsync"/>, until a batch is full.
    /// </summary>
    public int BatchSize
    {
        get => _batchSize;
        set => _batchSize = value is >= 1 and <= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A batch holds 1 to 1000 events, as Meta's do.");
    }

    /// <summary>How a batch is laid out: several entries (the default) or several items in one entry.</summary>
    public WebhookBatchMode BatchMode { get; set; } = WebhookBatchMode.Entries;

    /// <summary>A wait before each POST (on the emulator's clock), as the latency between an event and its delivery.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Probability (0 to 1) that a delivery is signed with the wrong secret, in both signature headers and on every retry.</summary>
    public double WrongSignatureRate
    {
        get => _wrongSignatureRate;
        set => _wrongSignatureRate = Probability(value);
    }

    /// <summary>
    /// A negative mode: send non-ASCII characters as raw UTF-8 instead of <c>\uXXXX</c> escapes, while the signatures
    /// stay those of the escaped body Meta signs. A receiver that hashes the raw bytes rejects these deliveries
    /// (as it must); one that re-serialises the parsed JSON before checking would wrongly accept them.
    /// </summary>
    public bool UnescapedBodies { get; set; }

    /// <summary>Restarts the random sequence with this seed (1 when never set).</summary>
    public int Seed
    {
        set
        {
            lock (_gate)
            {
                _random = new Random(value);
            }
        }
    }

    internal bool Batches => _batchSize > 1 || _reorderWindow > 1;

    internal bool Draw(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _random.NextDouble() < rate;
        }
    }

    internal int NextInt(int maxExclusive)
    {
        lock (_gate)
        {
            return _random.Next(maxExclusive);
        }
    }

    // Fisher-Yates within consecutive groups of the reorder window.
    internal void Shuffle<T>(IList<T> items)
    {
        var window = _reorderWindow;
        if (window <= 1)
        {
            return;
        }

        lock (_gate)
        {
            for (var start = 0; start < items.Count; start += window)
            {
                var end = Math.Min(start + window, items.Count);
                for (var i = end - 1; i > start; i--)
                {
                    var j = start + _random.Next(i - start + 1);
                    (items[i], items[j]) = (items[j], items[i]);
                }
            }
        }
    }

    private static double Probability(double value)
        => value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A probability is between 0 and 1.");
}
