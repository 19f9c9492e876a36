using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Client;

// Wraps a request body and remembers whether the transport began to write it. Before that, nothing of the
// request can have been processed (a server does not act on a request whose body it has not read), so a
// cancellation is a plain cancellation; after it, the message may have been delivered.
internal sealed class WriteTrackingContent : HttpContent
{
    private readonly HttpContent _inner;
    private int _started;

    public WriteTrackingContent(HttpContent inner)
    {
        _inner = inner;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    public bool Started => Volatile.Read(ref _started) != 0;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        Volatile.Write(ref _started, 1);
        return _inner.CopyToAsync(stream, context);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _started, 1);
        return _inner.CopyToAsync(stream, context, cancellationToken);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _started, 1);
        _inner.CopyTo(stream, context, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        var known = _inner.Headers.ContentLength;
        length = known ?? 0;
        return known is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
