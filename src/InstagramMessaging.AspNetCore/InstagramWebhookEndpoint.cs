using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InstagramMessaging.Webhooks;

// The request side: GET is Meta's verification handshake; POST is read (bounded), verified, parsed, deduplicated and
// queued, then answered at once. Handlers never run here; the dispatcher calls them after the 200.
internal sealed class InstagramWebhookEndpoint
{
    private const int FirstBufferSize = 16 * 1024;

    private readonly string[] _secrets;
    private readonly byte[]? _verifyTokenHash;
    private readonly long _maxBodySize;
    private readonly TimeSpan _dedupeLifetime;
    private readonly IInstagramWebhookQueue _queue;
    private readonly IInstagramWebhookDedupeStore _dedupe;
    private readonly ILogger _logger;
    private readonly KeyedGate _gate = new(64);
    private readonly bool _keepItems;

    public InstagramWebhookEndpoint(IOptions<InstagramWebhookOptions> options, IInstagramWebhookQueue queue, IInstagramWebhookDedupeStore dedupe, ILogger<InstagramWebhookEndpoint> logger)
    {
        var settings = options.Value;
        _secrets = [.. settings.AppSecrets];
        _verifyTokenHash = settings.VerifyToken is { } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
        _maxBodySize = settings.MaxBodySize;
        _dedupeLifetime = settings.DedupeLifetime;
        _queue = queue;

        // A replacement queue may be durable and store events (InstagramWebhookEventSerializer needs their items).
        _keepItems = queue is not InMemoryWebhookQueue;
        _dedupe = dedupe;
        _logger = logger;
    }

    public Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsPost(method))
        {
            return ReceiveAsync(context);
        }

        if (HttpMethods.IsGet(method))
        {
            return VerifyAsync(context);
        }

        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        return Task.CompletedTask;
    }

    // hub.mode=subscribe and the verify token (compared in constant time, by hash so the length is not told either)
    // → 200 with hub.challenge as the whole text body; anything else → 403.
    private Task VerifyAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var refusal = query["hub.mode"].ToString() != "subscribe" ? "hub.mode is not 'subscribe'"
            : _verifyTokenHash is null ? "no VerifyToken is configured"
            : !TokenMatches(query["hub.verify_token"].ToString()) ? "the verify token does not match"
            : string.IsNullOrEmpty(query["hub.challenge"].ToString()) ? "hub.challenge is missing"
            : null;
        if (refusal is not null)
        {
            WebhookLog.HandshakeRefused(_logger, refusal);
            WebhookTelemetry.Rejected.Add(1, new KeyValuePair<string, object?>(WebhookTelemetry.ReasonTag, "handshake"));
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        WebhookLog.HandshakeAnswered(_logger);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.WriteAsync(query["hub.challenge"].ToString(), context.RequestAborted);
    }

    private bool TokenMatches(string candidate)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(candidate), hash);
        return CryptographicOperations.FixedTimeEquals(hash, _verifyTokenHash);
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > _maxBodySize)
        {
            Refuse(context, StatusCodes.Status413PayloadTooLarge, "too_large");
            WebhookLog.BodyTooLarge(_logger, _maxBodySize);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit && (limit.MaxRequestBodySize ?? long.MaxValue) < _maxBodySize)
        {
            limit.MaxRequestBodySize = _maxBodySize;
        }

        var (buffer, length) = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        try
        {
            if (length < 0)
            {
                Refuse(context, StatusCodes.Status413PayloadTooLarge, "too_large");
                WebhookLog.BodyTooLarge(_logger, _maxBodySize);
                return;
            }

            await ReceiveAsync(context, buffer.AsMemory(0, length)).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The body in a pooled buffer (the caller returns it); length -1 when it is longer than MaxBodySize.
    private async ValueTask<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength + 1 ?? FirstBufferSize, _maxBodySize + 1));
        var length = 0;
        var body = request.Body;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > _maxBodySize)
                {
                    return (buffer, -1);
                }

                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, _maxBodySize + 1));
                buffer.AsSpan(0, length).CopyTo(larger);
                (buffer, larger) = (larger, buffer);
                ArrayPool<byte>.Shared.Return(larger);
            }

            int read;
            try
            {
                read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (buffer, -1);
            }

            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
            if (length > _maxBodySize)
            {
                return (buffer, -1);
            }
        }
    }

    private async Task ReceiveAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        using var activity = WebhookTelemetry.Source.StartActivity("instagram.webhooks.receive", ActivityKind.Server);
        string? signature = context.Request.Headers[InstagramWebhookSignature.HeaderName];
        var secret = InstagramWebhookSignature.FindMatchingSecret(body.Span, signature, _secrets);
        if (secret < 0)
        {
            Refuse(context, StatusCodes.Status401Unauthorized, "signature");
            if (string.IsNullOrEmpty(signature))
            {
                WebhookLog.SignatureMissing(_logger);
            }
            else
            {
                WebhookLog.SignatureInvalid(_logger, _secrets.Length);
            }

            return;
        }

        WebhookLog.SignatureMatched(_logger, secret);
        InstagramWebhookDelivery delivery;
        try
        {
            delivery = InstagramWebhookParser.Parse(body.Span, _keepItems);
        }
        catch (InstagramWebhookFormatException e)
        {
            Refuse(context, StatusCodes.Status400BadRequest, "malformed");
            WebhookLog.Malformed(_logger, e);
            return;
        }

        if (!delivery.IsInstagram)
        {
            // Any other answer than 200 makes Meta retry something we will never want.
            WebhookLog.NotInstagram(_logger, delivery.Object);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var accepted = 0;
        var duplicates = 0;
        var deferred = default(LanesAfterAnswer.Deferred);
        try
        {
            foreach (var webhookEvent in delivery.Events)
            {
                var (acceptance, lanes) = await AcceptAsync(webhookEvent, context.RequestAborted).ConfigureAwait(false);
                deferred = deferred.Add(lanes);
                switch (acceptance)
                {
                    case Acceptance.Queued:
                        accepted++;
                        break;
                    case Acceptance.Duplicate:
                        duplicates++;
                        break;
                    case Acceptance.MarkFailed:
                        Refuse(context, StatusCodes.Status503ServiceUnavailable, "store_failure");
                        return;
                    default:
                        // Events queued before this one are marked: Meta's retry of this body will skip them.
                        Refuse(context, StatusCodes.Status503ServiceUnavailable, "queue_full");
                        WebhookLog.QueueRefused(_logger, webhookEvent.DedupeKey);
                        return;
                }
            }

            activity?.SetTag("instagram.webhooks.accepted", accepted);
            activity?.SetTag("instagram.webhooks.duplicates", duplicates);
            WebhookLog.Accepted(_logger, accepted, duplicates);
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            Refuse(context, StatusCodes.Status503ServiceUnavailable, "store_failure");
            WebhookLog.StoreFailed(_logger, e);
        }
        finally
        {
            if (!deferred.IsEmpty)
            {
                activity?.Dispose();
                await RunAfterAnswerAsync(context, deferred).ConfigureAwait(false);
            }
        }
    }

    // The answer goes out first (whatever it is); then the lanes its writes opened are started on the thread pool,
    // never on this thread, so a handler that blocks cannot hold the connection's next request.
    private static async Task RunAfterAnswerAsync(HttpContext context, LanesAfterAnswer.Deferred deferred)
    {
        try
        {
            await context.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or System.IO.IOException or InvalidOperationException)
        {
            // Meta hung up or the connection failed: the events are accepted all the same.
        }

        deferred.StartAll();
    }

    // Check, queue, then mark: the key is recorded only once the event is kept, so a crash in between turns Meta's
    // retry into a repeat, never into a loss. The gate makes a retry racing its original wait for it.
    private async ValueTask<(Acceptance Acceptance, LanesAfterAnswer.Deferred Lanes)> AcceptAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var key = webhookEvent.DedupeKey;
        var gate = _gate.For(key);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await _dedupe.ContainsAsync(key, cancellationToken).ConfigureAwait(false))
            {
                if (WebhookTelemetry.Duplicates.Enabled)
                {
                    WebhookTelemetry.Duplicates.Add(1, new KeyValuePair<string, object?>(WebhookTelemetry.EventTypeTag, webhookEvent.GetType().Name));
                }

                WebhookLog.Duplicate(_logger, key);
                return (Acceptance.Duplicate, default);
            }

            // The in-memory queue runs the dispatcher's loop step inside this write; lanes it opens are handed back
            // to run on this thread after the answer. Nothing awaits between Begin and End.
            ValueTask<bool> enqueue;
            LanesAfterAnswer.Deferred lanes;
            LanesAfterAnswer.Begin();
            try
            {
                enqueue = _queue.TryEnqueueAsync(webhookEvent, cancellationToken);
            }
            finally
            {
                lanes = LanesAfterAnswer.End();
            }

            if (!await enqueue.ConfigureAwait(false))
            {
                return (Acceptance.Refused, lanes);
            }

            WebhookTelemetry.Queued.Add(1);
            if (WebhookTelemetry.Received.Enabled)
            {
                WebhookTelemetry.Received.Add(1, new KeyValuePair<string, object?>(WebhookTelemetry.EventTypeTag, webhookEvent.GetType().Name));
            }

            // Kept: the mark must happen even if Meta hangs up now. A store that fails here leaves the event queued
            // (it will be handled; Meta's retry of the 503 may bring it again) and its lane must still be started.
            try
            {
                await _dedupe.TryMarkAsync(key, _dedupeLifetime, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                WebhookLog.StoreFailed(_logger, e);
                return (Acceptance.MarkFailed, lanes);
            }

            return (Acceptance.Queued, lanes);
        }
        finally
        {
            gate.Release();
        }
    }

    private static void Refuse(HttpContext context, int status, string reason)
    {
        WebhookTelemetry.Rejected.Add(1, new KeyValuePair<string, object?>(WebhookTelemetry.ReasonTag, reason));
        context.Response.StatusCode = status;
    }

    private enum Acceptance
    {
        Queued,
        Duplicate,
        Refused,

        // Queued, but the dedupe store failed to record it.
        MarkFailed,
    }
}
