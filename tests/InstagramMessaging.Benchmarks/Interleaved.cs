using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// Measures candidates against a baseline in interleaved rounds: each round times every candidate once, in a
/// rotating order, and the figure reported is the median of the per-round ratios. Machine drift between rounds
/// cancels out because both sides of a ratio ran seconds apart.
/// </summary>
public static class Interleaved
{
    public sealed record Result(string Candidate, double MedianSpeedup, double Min, double Max);

    /// <summary>Times synchronous operations; speedup = baseline time / candidate time.</summary>
    /// <param name="clock">Milliseconds now; wall clock when null (<see cref="ThreadCpuTime.NowMilliseconds"/> counts only this thread's CPU time).</param>
    public static IReadOnlyList<Result> Compare(string baseline, IReadOnlyDictionary<string, Action> candidates, int rounds = 15, TimeSpan? perMeasurement = null, Func<double>? clock = null)
    {
        var budget = perMeasurement ?? TimeSpan.FromMilliseconds(40);
        var now = clock ?? (() => Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency);
        var iterations = candidates.ToDictionary(c => c.Key, c => Calibrate(c.Value, budget, now));
        var times = candidates.Keys.ToDictionary(k => k, _ => new List<double>());
        var names = candidates.Keys.ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < names.Length; i++)
            {
                var name = names[(i + round) % names.Length];
                times[name].Add(Time(candidates[name], iterations[name], now) / iterations[name]);
            }
        }

        return names.Where(n => n != baseline).Select(n =>
        {
            var ratios = times[baseline].Zip(times[n], (b, c) => b / c).OrderBy(r => r).ToArray();
            return new Result(n, ratios[ratios.Length / 2], ratios[0], ratios[^1]);
        }).ToArray();
    }

    /// <summary>Bytes allocated per call, after warm-up.</summary>
    public static double AllocatedPerCall(Action action, int calls = 10_000)
    {
        for (var i = 0; i < 1000; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            action();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
    }

    /// <summary>Times asynchronous workloads; ratio = candidate throughput / baseline throughput.</summary>
    public static async Task<IReadOnlyList<Result>> CompareAsync(string baseline, IReadOnlyDictionary<string, Func<Task>> candidates, int rounds = 9)
    {
        foreach (var candidate in candidates.Values)
        {
            await candidate();
        }

        var times = candidates.Keys.ToDictionary(k => k, _ => new List<double>());
        var names = candidates.Keys.ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < names.Length; i++)
            {
                var name = names[(i + round) % names.Length];
                var watch = Stopwatch.StartNew();
                await candidates[name]();
                times[name].Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return names.Where(n => n != baseline).Select(n =>
        {
            var ratios = times[baseline].Zip(times[n], (b, c) => b / c).OrderBy(r => r).ToArray();
            return new Result(n, ratios[ratios.Length / 2], ratios[0], ratios[^1]);
        }).ToArray();
    }

    private static int Calibrate(Action action, TimeSpan budget, Func<double> now)
    {
        var iterations = 16;
        while (true)
        {
            var elapsed = Time(action, iterations, now);
            if (elapsed >= budget.TotalMilliseconds / 4 || iterations > 50_000_000)
            {
                return Math.Max(1, (int)(iterations * budget.TotalMilliseconds / Math.Max(elapsed, 0.001)));
            }

            iterations *= 4;
        }
    }

    private static double Time(Action action, int iterations, Func<double> now)
    {
        var start = now();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        return now() - start;
    }
}
