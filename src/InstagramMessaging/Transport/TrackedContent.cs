using System.Net.Http;
using System.Threading;

namespace InstagramMessaging.Transport;

// A request body that remembers whether the transport began to write it. Before that, nothing of the request can
// have been processed (a server does not act on a request whose body it has not read), so a cancellation is a
// plain cancellation; after it, the message may have been delivered.
internal abstract class TrackedContent : HttpContent
{
    private int _started;

    public bool Started => Volatile.Read(ref _started) != 0;

    protected void MarkStarted() => Volatile.Write(ref _started, 1);
}
