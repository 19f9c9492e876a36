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
// buffer. The request was sent, so whatever goes wrong here leaves the outcome unknown.
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

        var timeout = http.Timeout;
        using var deadline = ResponseDeadline.Start(token, timeout == Timeout.InfiniteTimeSpan
            ? null
            : TimeSpan.FromMilliseconds(Math.Max(1, timeout.TotalMilliseconds - (Environment.TickCount64 - started))));
        byte[]? buffer = null;
        try
        {
            using var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);

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
                var read = await stream.ReadAsync(buffer.AsMemory(length, room), deadline.Token).ConfigureAwait(false);
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
        catch (OperationCanceledException ex)
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

    private static InstagramOutcomeUnknownException TooLarge(HttpStatusCode status, int max)
        => new(string.Create(CultureInfo.InvariantCulture, $"The answer is longer than MaxResponseBytes ({max} bytes), so it is not a Graph API answer (a wrong BaseAddress, a proxy or a captive portal?); the request may have taken effect."), 0, null, status);
}
