using System;
using System.IO;
using System.Net;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Transport;

// A JSON request body over bytes the caller owns (a pooled buffer): one object per attempt, the content type
// shared by every request, the length known without a copy.
internal sealed class JsonBodyContent : TrackedContent
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json") { CharSet = "utf-8" };
    private readonly ReadOnlyMemory<byte> _body;

    public JsonBodyContent(ReadOnlyMemory<byte> body)
    {
        _body = body;
        Headers.ContentType = s_json;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        MarkStarted();
        return stream.WriteAsync(_body, cancellationToken).AsTask();
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        MarkStarted();
        stream.Write(_body.Span);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
