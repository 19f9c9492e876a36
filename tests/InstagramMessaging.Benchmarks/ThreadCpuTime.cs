using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// The CPU time of the calling thread in milliseconds (Linux: CLOCK_THREAD_CPUTIME_ID, nanosecond resolution). On a
/// machine shared with other builds, time spent descheduled is not counted, so single-threaded candidates compare by
/// the work they do. Elsewhere it falls back to wall-clock time.
/// </summary>
public static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    public static double NowMilliseconds()
    {
        if (IsAvailable && TryRead(out var value))
        {
            return value;
        }

        return Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;
    }

    private static bool TryRead(out double milliseconds)
    {
        try
        {
            if (clock_gettime(ClockThreadCpuTimeId, out var spec) == 0)
            {
                milliseconds = (spec.Seconds * 1000.0) + (spec.Nanoseconds / 1_000_000.0);
                return true;
            }
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }

        milliseconds = 0;
        return false;
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code in this project; one blittable call is fine as DllImport.
    [DllImport("libc")]
    private static extern int clock_gettime(int clockId, out TimeSpec time);
#pragma warning restore SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
