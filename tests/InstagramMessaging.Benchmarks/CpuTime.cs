using System;
using System.Runtime.InteropServices;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// CPU time from getrusage, to the microsecond (Process.TotalProcessorTime counts in 10 ms ticks on Linux). On a
/// shared machine CPU time is what a sender costs; wall time also holds the waits for other processes.
/// </summary>
public static class CpuTime
{
    private const int Self = 0;
    private const int Thread = 1;

    /// <summary>This process's user and system time.</summary>
    public static TimeSpan Process() => Read(Self);

    /// <summary>The calling thread's user and system time.</summary>
    public static TimeSpan CurrentThread() => Read(Thread);

    /// <summary>This process's context switches so far (voluntary: a thread waited; involuntary: it was preempted);
    /// zeros where getrusage is not available.</summary>
    public static (long Voluntary, long Involuntary) ContextSwitches()
        => OperatingSystem.IsLinux() && getrusage(Self, out var usage) == 0 ? (usage.VoluntarySwitches, usage.InvoluntarySwitches) : (0, 0);

    private static TimeSpan Read(int who)
    {
        if (!OperatingSystem.IsLinux())
        {
            return who == Self ? System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime : TimeSpan.FromTicks(Environment.TickCount64 * TimeSpan.TicksPerMillisecond);
        }

        if (getrusage(who, out var usage) != 0)
        {
            throw new InvalidOperationException("getrusage failed.");
        }

        return TimeSpan.FromMicroseconds((usage.UserSeconds + usage.SystemSeconds) * 1_000_000.0 + usage.UserMicroseconds + usage.SystemMicroseconds);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss, SharedRss, UnsharedData, UnsharedStack, MinorFaults, MajorFaults, Swaps, BlocksIn, BlocksOut, MessagesSent, MessagesReceived, Signals, VoluntarySwitches, InvoluntarySwitches;
    }
}
