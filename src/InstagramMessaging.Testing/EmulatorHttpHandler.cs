using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

// Answers requests in process, without a socket: the fastest way to put the emulator behind an HttpClient.
internal sealed class EmulatorHttpHandler : HttpMessageHandler
{
    private readonly GraphApiEmulator _emulator;

    public EmulatorHttpHandler(GraphApiEmulator emulator) => _emulator = emulator;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? System.Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var received = new EmulatedRequest(
            request.Method.Method,
            request.RequestUri?.PathAndQuery ?? "/",
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.ToString(),
            body);
        var answer = await _emulator.HandleAsync(received, cancellationToken).ConfigureAwait(false);
        switch (answer.Drop)
        {
            case EmulatedFault.DropBeforeProcessing:
                throw new HttpRequestException(HttpRequestError.ConnectionError, "The emulator refused the connection (injected fault).");
            case EmulatedFault.DropAfterProcessing:
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The emulator dropped the connection after processing the request (injected fault).");
        }

        var content = new StringContent(answer.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue(answer.Drop == EmulatedFault.GatewayErrorAfterProcessing ? "text/html" : "application/json") { CharSet = "utf-8" };
        return new HttpResponseMessage((HttpStatusCode)answer.StatusCode) { Content = content, RequestMessage = request };
    }
}
