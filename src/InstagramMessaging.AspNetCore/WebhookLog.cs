using System;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.Webhooks;

// Never log a secret or the verify token: which secret matched is said by its position in AppSecrets.
internal static partial class WebhookLog
{
    [LoggerMessage(1, LogLevel.Information, "Webhook verification handshake answered (hub.mode=subscribe, verify token matched).")]
    public static partial void HandshakeAnswered(ILogger logger);

    [LoggerMessage(2, LogLevel.Warning, "Webhook verification handshake refused with 403: {Reason}.")]
    public static partial void HandshakeRefused(ILogger logger, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Webhook delivery refused with 401: no X-Hub-Signature-256 header.")]
    public static partial void SignatureMissing(ILogger logger);

    [LoggerMessage(4, LogLevel.Warning, "Webhook delivery refused with 401: X-Hub-Signature-256 matches none of the {SecretCount} configured app secrets.")]
    public static partial void SignatureInvalid(ILogger logger, int secretCount);

    [LoggerMessage(5, LogLevel.Debug, "Webhook signature matched app secret #{SecretIndex}.")]
    public static partial void SignatureMatched(ILogger logger, int secretIndex);

    [LoggerMessage(6, LogLevel.Warning, "Webhook delivery refused with 413: the body is over {MaxBodySize} bytes.")]
    public static partial void BodyTooLarge(ILogger logger, long maxBodySize);

    [LoggerMessage(7, LogLevel.Warning, "Webhook delivery refused with 400: the body is not a webhook.")]
    public static partial void Malformed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Debug, "Webhook delivery for object '{Object}' acknowledged and ignored.")]
    public static partial void NotInstagram(ILogger logger, string @object);

    [LoggerMessage(9, LogLevel.Debug, "Webhook delivery accepted: {Accepted} new events, {Duplicates} duplicates dropped.")]
    public static partial void Accepted(ILogger logger, int accepted, int duplicates);

    [LoggerMessage(10, LogLevel.Warning, "Webhook delivery answered 503: the queue did not keep event {DedupeKey} (full or shutting down); Meta will retry.")]
    public static partial void QueueRefused(ILogger logger, string dedupeKey);

    [LoggerMessage(11, LogLevel.Error, "Webhook delivery answered 503: the dedupe store or the queue failed; Meta will retry.")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(12, LogLevel.Error, "Webhook handler {Handler} threw on {EventType} {DedupeKey}; the event is acknowledged and other events go on.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string handler, string eventType, string dedupeKey);

    [LoggerMessage(13, LogLevel.Information, "Webhook dispatcher drained every accepted event before shutdown.")]
    public static partial void Drained(ILogger logger);

    [LoggerMessage(14, LogLevel.Warning, "Webhook dispatcher stopped waiting after {Timeout} at shutdown; running handlers are cancelled and events not yet handled are dropped.")]
    public static partial void DrainIncomplete(ILogger logger, TimeSpan timeout);

    [LoggerMessage(15, LogLevel.Error, "Webhook dispatcher failed to acknowledge event {DedupeKey}.")]
    public static partial void AcknowledgeFailed(ILogger logger, Exception exception, string dedupeKey);

    [LoggerMessage(16, LogLevel.Debug, "Duplicate webhook event {DedupeKey} dropped.")]
    public static partial void Duplicate(ILogger logger, string dedupeKey);

    [LoggerMessage(17, LogLevel.Error, "Webhook dispatcher could not take the next event from the queue; retrying in {Delay}.")]
    public static partial void DequeueFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(18, LogLevel.Warning, "The in-memory dedupe store is full ({Capacity} keys) and let a key go before its lifetime ended: at this rate a retry of an older event would be handled again. Raise InstagramWebhookOptions.DedupeCapacity, or share a Redis dedupe store. (Logged once; instagram.webhooks.dedupe.evicted_early counts every such key.)")]
    public static partial void DedupeEvictingEarly(ILogger logger, int capacity);
}
