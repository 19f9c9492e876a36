using System;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Serialization;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.Transport;

// Step: one HTTP exchange. Sends the request (headers only awaited), tells a failure before sending from one after
// (after it, the message may have been delivered), then hands the answer to the reader and the mapper.
internal sealed class HttpExchange(HttpClient http, AuthStep auth, AnswerReader reader, AnswerMapper mapper, ILogger logger)
{
    // Nothing reached Meta: the connection was never established.
    public static bool IsNotSent(HttpRequestException ex)
        => ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<GraphResponse> SendAsync(GraphCall call, Uri uri, CancellationToken token)
    {
        var body = call.CreateContent();
        using var request = new HttpRequestMessage(call.Method, uri) { Content = body };
        auth.Authorize(request);
        var started = Environment.TickCount64;
        HttpResponseMessage response;
        try
        {
            // Headers only: the body is read below, bounded in size and time.
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (!IsNotSent(ex))
        {
            // The request may have reached Meta: retrying could deliver it twice.
            throw new InstagramOutcomeUnknownException("The connection failed after the request was sent; the message may have been delivered.", 0, null, 0, innerException: ex);
        }
        catch (OperationCanceledException ex) when (!call.CancellationToken.IsCancellationRequested)
        {
            throw new InstagramOutcomeUnknownException("The call timed out after the request was sent; the message may have been delivered.", 0, null, 0, innerException: ex);
        }
        catch (OperationCanceledException ex) when (body is { Started: true })
        {
            // The caller gave up, but only after the request was on its way: it may still be delivered.
            throw new InstagramOutcomeUnknownException("The call was cancelled after the request was sent; the message may have been delivered.", 0, null, 0, innerException: ex);
        }

        using (response)
        {
            using var answer = await reader.ReadAsync(response, started, token).ConfigureAwait(false);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                Log.Answered(logger, call.Method.Method, call.Endpoint.Path, (int)response.StatusCode, Environment.TickCount64 - started);
            }

            return mapper.Map(response, answer.Span, call.RecipientId);
        }
    }
}
