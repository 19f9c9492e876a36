using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Transport;

// Step: reading the answer, at most MaxResponseBytes and within what is left of HttpClient.Timeout, into a pooled
// buffer, without a timer or a token source when the answer is already there. The request was sent, so whatever goes wrong here leaves the outcome unknown.
internal sealed class AnswerReader(HttpClient http, int maxResponseBytes)
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<AnswerBuffer> ReadAsync(HttpResponseMessage response, long started, CancellationToken token)
    {
        var max = maxResponseBytes;
        var status = response.StatusCode;
        var declared = response.Content.Headers.ContentLength;
        if (declared > max)
        {
            throw TooLarge(status, max);
        }

        byte[]? buffer = null;
        try
        {
            var opening = response.Content.ReadAsStreamAsync(token);
            using var stream = opening.IsCompletedSuccessfully ? opening.Result : await WithinDeadline(opening, started).ConfigureAwait(false);

            // A declared length (the usual case) is read into a buffer of that size; a chunked answer into pooled
            // buffers that grow, reading at most one byte past the cap.
            buffer = ArrayPool<byte>.Shared.Rent(declared is { } exact ? Math.Max(1, (int)exact) : 4096);
            var length = 0;
            while (true)
            {
                if (declared is { } total && length == total)
                {
                    break;
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, max + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var room = declared is { } size ? (int)size - length : (int)Math.Min(buffer.Length - length, max + 1L - length);
                var reading = stream.ReadAsync(buffer.AsMemory(length, room), token);
                var read = reading.IsCompletedSuccessfully ? reading.Result : await WithinDeadline(reading.AsTask(), started).ConfigureAwait(false);
                if (read == 0)
                {
                    if (declared is not null)
                    {
                        throw new IOException("The answer ended before its Content-Length.");
                    }

                    break;
                }

                length += read;
                if (length > max)
                {
                    throw TooLarge(status, max);
                }
            }

            var answer = new AnswerBuffer(buffer, length);
            buffer = null;
            return answer;
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            var why = token.IsCancellationRequested ? "was cancelled" : "timed out";
            throw new InstagramOutcomeUnknownException($"The call {why} while the answer was read; the message may have been delivered.", 0, null, status, innerException: ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new InstagramOutcomeUnknownException("The connection broke while the answer was read; the message may have been delivered.", 0, null, status, innerException: ex);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    // The answer is not all there yet: wait no longer than what is left of HttpClient.Timeout, which with
    // ResponseHeadersRead no longer covers the body. Only this path sets a timer; a read that completes at once
    // (the usual small answer, already in the connection's buffer) costs none. When the wait gives up, the caller
    // disposes the response, which ends the read; its failure is observed here.
    private async Task<T> WithinDeadline<T>(Task<T> pending, long started)
    {
        var timeout = http.Timeout;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await pending.ConfigureAwait(false);
        }

        try
        {
            return await pending.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(1, timeout.TotalMilliseconds - (Environment.TickCount64 - started)))).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _ = pending.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    private static InstagramOutcomeUnknownException TooLarge(HttpStatusCode status, int max)
        => new(string.Create(CultureInfo.InvariantCulture, $"The answer is longer than MaxResponseBytes ({max} bytes), so it is not a Graph API answer (a wrong BaseAddress, a proxy or a captive portal?); the request may have taken effect."), 0, null, status);
}
