using System;
using System.Diagnostics;
using System.Runtime;
using System.Threading.Tasks;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// Warm-up that ends when tiered compilation has settled: a pass of the workload (every candidate once) is repeated
/// until one whole pass compiles (almost) no method, so what is measured afterwards is optimized code and no JIT
/// thread competes for the cores. On a loaded 2-core machine this takes seconds, and more for the candidate with
/// more code of its own (not precompiled ReadyToRun like the framework), which a fixed warm-up measured as slowness.
/// </summary>
public static class JitSettling
{
    /// <summary>Repeats <paramref name="pass"/> until passes covering at least a second (and three passes) compiled at
    /// most <paramref name="quietMethods"/> methods each (tiering waits ~100 ms after the last new method before it
    /// promotes any, so a shorter quiet spell proves nothing), or <paramref name="limit"/> has passed.</summary>
    public static async Task WarmUpAsync(Func<Task> pass, TimeSpan limit, int quietMethods = 2)
    {
        var watch = Stopwatch.StartNew();
        var quietSince = TimeSpan.Zero;
        var quietPasses = 0;
        var passes = 0;
        var last = JitInfo.GetCompiledMethodCount();
        bool Settled() => quietPasses >= 3 && watch.Elapsed - quietSince >= TimeSpan.FromSeconds(1);
        while (watch.Elapsed < limit && !Settled())
        {
            await pass();
            passes++;
            var now = JitInfo.GetCompiledMethodCount();
            if (now - last <= quietMethods)
            {
                quietPasses++;
            }
            else
            {
                (quietPasses, quietSince) = (0, watch.Elapsed);
            }

            last = now;
        }

        Console.WriteLine(Settled()
            ? $"  (warm-up: tiered compilation settled after {watch.Elapsed.TotalSeconds:0.0} s, {passes} passes, {last} methods compiled in all)"
            : $"  (warm-up: tiered compilation still compiling after {watch.Elapsed.TotalSeconds:0.0} s, {passes} passes; measuring anyway)");
    }

    /// <summary>The same for synchronous work (the generator driver runs on the calling thread).</summary>
    public static void WarmUp(Action pass, TimeSpan limit, int quietMethods = 2)
        => WarmUpAsync(
            () =>
            {
                pass();
                return Task.CompletedTask;
            },
            limit,
            quietMethods).GetAwaiter().GetResult();
}
