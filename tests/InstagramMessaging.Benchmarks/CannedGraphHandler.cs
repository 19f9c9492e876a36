using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// A transport without a socket: writes the request body out (as a connection would) and answers like Meta at
/// once, so a send completes synchronously and what is timed is the client's own work.
/// </summary>
public sealed class CannedGraphHandler(byte[] answer) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Content?.CopyTo(Stream.Null, null, cancellationToken);
        var content = new ByteArrayContent(answer);
        content.Headers.ContentType = s_json;
        content.Headers.ContentLength = answer.Length;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
