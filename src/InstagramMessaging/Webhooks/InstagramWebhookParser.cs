using System;
using System.Text.Json;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Turns a webhook body into typed events, without reflection (trimming- and NativeAOT-safe). Verify the
/// signature first (<see cref="InstagramWebhookSignature"/>): parse only bodies that are genuine.
/// </summary>
public static class InstagramWebhookParser
{
    /// <summary>
    /// Parses a webhook body: every event of every entry (<c>messaging</c>, <c>standby</c> and <c>changes</c>), in
    /// delivery order. Unknown fields, attachment types and event kinds never fail; an event kind this version does
    /// not model becomes an <see cref="UnknownWebhookEvent"/> with its raw JSON.
    /// </summary>
    /// <param name="body">The raw request body (UTF-8 JSON).</param>
    /// <exception cref="InstagramWebhookFormatException">The body is not JSON, or has no <c>object</c> or no <c>entry</c> array.</exception>
    public static InstagramWebhookDelivery Parse(ReadOnlySpan<byte> body) => Parse(body, keepItems: false);

    /// <summary>
    /// Parses a webhook body as <see cref="Parse(ReadOnlySpan{byte})"/> does; with <paramref name="keepItems"/>, each
    /// event also keeps a copy of its item as delivered, so <see cref="InstagramWebhookEventSerializer"/> can store it
    /// (for a durable queue). Keeping costs one copy of each item; the ASP.NET Core endpoint keeps them only when a
    /// queue other than its in-memory one is registered.
    /// </summary>
    /// <param name="body">The raw request body (UTF-8 JSON).</param>
    /// <param name="keepItems">Whether each event keeps its delivered item for <see cref="InstagramWebhookEventSerializer.Serialize"/>.</param>
    /// <exception cref="InstagramWebhookFormatException">The body is not JSON, or has no <c>object</c> or no <c>entry</c> array.</exception>
    public static InstagramWebhookDelivery Parse(ReadOnlySpan<byte> body, bool keepItems)
    {
        try
        {
            return new WebhookBodyReader(body, keepItems).Read();
        }
        catch (JsonException e)
        {
            throw new InstagramWebhookFormatException($"The webhook body is not valid JSON ({e.Message}).", e);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            // A value of an unexpected JSON type or size; the reader is strict, this keeps one exception type.
            throw new InstagramWebhookFormatException($"The webhook body has a value of an unexpected type ({e.Message}).", e);
        }
    }
}
