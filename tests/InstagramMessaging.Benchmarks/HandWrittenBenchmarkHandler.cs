using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.Benchmarks;

/// <summary>The baseline of the routing benchmark: the switch a developer would write by hand over the same payloads and methods.</summary>
/// <typeparam name="TCopy">
/// A struct tag: each value type gets its own JIT-compiled (and PGO-profiled) copy of this identical code, so two
/// tags make a control whose ratio shows how far identical code drifts apart on this machine.
/// </typeparam>
public sealed class HandWrittenBenchmarkHandler<TCopy> : IInstagramWebhookHandler
    where TCopy : struct
{
    public int Calls;

    public ValueTask HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        if (webhookEvent is MessageReceivedEvent message)
        {
            if (message.IsSelf || message.SenderId == message.AccountId || message.IsStandby)
            {
                return default; // self messaging: never answered (what the generated dispatch does too)
            }

            return message.QuickReplyPayload switch
            {
                "ORDER_STATUS" => OrderStatus(message, cancellationToken),
                "ORDER_CANCEL" => OrderCancel(message, cancellationToken),
                "ORDER_RETURN" => OrderReturn(message, cancellationToken),
                "SHIPPING_TIMES" => Shipping(message, cancellationToken),
                "SIZE_GUIDE" => SizeGuide(message, cancellationToken),
                "STORE_HOURS" => StoreHours(message, cancellationToken),
                "YES" => Yes(message, cancellationToken),
                "NO" => No(message, cancellationToken),
                "HUMAN" => Human(message, cancellationToken),
                _ => Text(message, cancellationToken),
            };
        }

        if (webhookEvent is PostbackReceivedEvent postback)
        {
            if (postback.IsSelf || postback.SenderId == postback.AccountId || postback.IsStandby)
            {
                return default;
            }

            return postback.Payload switch
            {
                "HUMAN" => Human(postback, cancellationToken),
                "GET_STARTED" => GetStarted(postback, cancellationToken),
                "BUY" => Buy(postback, cancellationToken),
                "LOCATION" => Location(postback, cancellationToken),
                _ => default,
            };
        }

        if (webhookEvent is ReactionEvent reaction)
        {
            return Reaction(reaction, cancellationToken);
        }

        return webhookEvent is MessageReadEvent read ? Read(read, cancellationToken) : default;
    }

    private ValueTask OrderStatus(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    private ValueTask OrderCancel(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    private ValueTask OrderReturn(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    private ValueTask Shipping(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    private ValueTask SizeGuide(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    private ValueTask StoreHours(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    private ValueTask Yes(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    private ValueTask No(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    private ValueTask Human(InstagramWebhookEvent e, CancellationToken ct) { Calls++; return default; }
    private ValueTask GetStarted(PostbackReceivedEvent p, CancellationToken ct) { Calls++; return default; }
    private ValueTask Buy(PostbackReceivedEvent p, CancellationToken ct) { Calls++; return default; }
    private ValueTask Location(PostbackReceivedEvent p, CancellationToken ct) { Calls++; return default; }
    private ValueTask Text(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    private ValueTask Reaction(ReactionEvent r, CancellationToken ct) { Calls++; return default; }
    private ValueTask Read(MessageReadEvent r, CancellationToken ct) { Calls++; return default; }
}

/// <summary>Tag of the baseline copy of <see cref="HandWrittenBenchmarkHandler{TCopy}"/>.</summary>
public struct BaselineCopy
{
}

/// <summary>Tag of the control copy of <see cref="HandWrittenBenchmarkHandler{TCopy}"/>.</summary>
public struct ControlCopy
{
}
