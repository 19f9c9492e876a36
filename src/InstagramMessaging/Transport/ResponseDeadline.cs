using System;
using System.Threading;

namespace InstagramMessaging.Transport;

// What is left of HttpClient.Timeout for reading an answer's body (with ResponseHeadersRead the client's own
// timeout no longer covers it), joined with the caller's token. The token source is kept per thread and reset
// for the next call, so a read that completes allocates no source, no timer and no link.
internal struct ResponseDeadline : IDisposable
{
    [ThreadStatic]
    private static CancellationTokenSource? t_spare;

    private CancellationTokenSource? _source;
    private CancellationTokenRegistration _link;

    public CancellationToken Token { get; private set; }

    public static ResponseDeadline Start(CancellationToken caller, TimeSpan? remaining)
    {
        if (remaining is not { } timeout)
        {
            return new ResponseDeadline { Token = caller };
        }

        var source = t_spare ?? new CancellationTokenSource();
        t_spare = null;
        source.CancelAfter(timeout);
        var link = caller.CanBeCanceled ? caller.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source) : default;
        return new ResponseDeadline { _source = source, _link = link, Token = source.Token };
    }

    public void Dispose()
    {
        _link.Dispose();
        if (_source is { } source)
        {
            _source = null;

            // A source that fired (time out, or the caller cancelled) cannot be reset: it is dropped.
            if (source.TryReset())
            {
                t_spare = source;
            }
            else
            {
                source.Dispose();
            }
        }
    }
}
