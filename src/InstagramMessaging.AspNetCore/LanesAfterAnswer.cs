using System;
using System.Collections.Generic;
using System.Threading;

namespace InstagramMessaging.Webhooks;

// Lanes the dispatcher opened while a request thread was writing to the in-memory queue (its loop step runs inside
// that write). They are started only once the request's 200 has been sent, on the request thread's local pool queue
// (no wake of another thread before the answer), and never run on the request thread itself: a handler that blocks
// must not hold the next request of that keep-alive connection.
internal static class LanesAfterAnswer
{
    [ThreadStatic]
    private static bool t_collecting;

    [ThreadStatic]
    private static IThreadPoolWorkItem? t_first;

    [ThreadStatic]
    private static List<IThreadPoolWorkItem>? t_more;

    // Around one synchronous queue write only: nothing may await between Begin and End.
    public static void Begin() => t_collecting = true;

    public static Deferred End()
    {
        t_collecting = false;
        var deferred = new Deferred(t_first, t_more);
        t_first = null;
        t_more = null;
        return deferred;
    }

    // Whether the lane was kept for the current request thread to run after its answer (else the caller queues it).
    public static bool TryDefer(IThreadPoolWorkItem lane)
    {
        if (!t_collecting)
        {
            return false;
        }

        if (t_first is null)
        {
            t_first = lane;
        }
        else
        {
            (t_more ??= new List<IThreadPoolWorkItem>()).Add(lane);
        }

        return true;
    }

    // What one or more writes deferred; hands every lane to the pool exactly once.
    public readonly struct Deferred(IThreadPoolWorkItem? first, List<IThreadPoolWorkItem>? more)
    {
        public bool IsEmpty => first is null;

        public Deferred Add(Deferred other)
        {
            if (other.IsEmpty)
            {
                return this;
            }

            if (IsEmpty)
            {
                return other;
            }

            var list = more ?? new List<IThreadPoolWorkItem>();
            list.Add(other.First!);
            if (other.More is { } rest)
            {
                list.AddRange(rest);
            }

            return new Deferred(first, list);
        }

        public void StartAll()
        {
            if (first is not null)
            {
                ThreadPool.UnsafeQueueUserWorkItem(first, preferLocal: true);
            }

            if (more is not null)
            {
                foreach (var lane in more)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(lane, preferLocal: true);
                }
            }
        }

        private IThreadPoolWorkItem? First => first;

        private List<IThreadPoolWorkItem>? More => more;
    }
}
