using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.Benchmarks;

/// <summary>The generated side of the routing benchmark: a support bot's routes, each counting its calls.</summary>
[InstagramWebhookHandler]
public sealed partial class RoutedBenchmarkHandler
{
    public int Calls;

    [OnQuickReply("ORDER_STATUS")] private ValueTask OrderStatus(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    [OnQuickReply("ORDER_CANCEL")] private ValueTask OrderCancel(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    [OnQuickReply("ORDER_RETURN")] private ValueTask OrderReturn(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    [OnQuickReply("SHIPPING_TIMES")] private ValueTask Shipping(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    [OnQuickReply("SIZE_GUIDE")] private ValueTask SizeGuide(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    [OnQuickReply("STORE_HOURS")] private ValueTask StoreHours(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    [OnQuickReply("YES")] private ValueTask Yes(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    [OnQuickReply("NO")] private ValueTask No(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    [OnQuickReply("HUMAN"), OnPostback("HUMAN")] private ValueTask Human(InstagramWebhookEvent e, CancellationToken ct) { Calls++; return default; }
    [OnPostback("GET_STARTED")] private ValueTask GetStarted(PostbackReceivedEvent p, CancellationToken ct) { Calls++; return default; }
    [OnPostback("BUY")] private ValueTask Buy(PostbackReceivedEvent p, CancellationToken ct) { Calls++; return default; }
    [OnPostback("LOCATION")] private ValueTask Location(PostbackReceivedEvent p, CancellationToken ct) { Calls++; return default; }
    [OnMessage] private ValueTask Text(MessageReceivedEvent m, CancellationToken ct) { Calls++; return default; }
    [OnReaction] private ValueTask Reaction(ReactionEvent r, CancellationToken ct) { Calls++; return default; }
    [OnRead] private ValueTask Read(MessageReadEvent r, CancellationToken ct) { Calls++; return default; }
}
