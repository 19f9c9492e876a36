using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.AspNetCore.Tests;

// What a routed app sends: quick replies on a contract, postback buttons in a template and an ice breaker.
[InstagramMessage]
[QuickReply("Track my order", RoutedShop.OrderStatus)]
[QuickReply("Returns", RoutedShop.Returns)]
[QuickReply("Talk to a person", RoutedShop.Human)]
public partial record ShopMenu([property: MessageText] string Text);

[InstagramMessage]
public partial record ShopCards([property: GenericTemplate] IReadOnlyList<GenericElement> Cards);

// The routed handler: every payload above has its own method; the route log says which one ran for what.
[InstagramWebhookHandler]
public sealed partial class RoutedShop(RouteLog log)
{
    public const string OrderStatus = "ORDER_STATUS";
    public const string Returns = "RETURNS";
    public const string Human = "HUMAN";
    public const string BuyJacket = "BUY_JACKET";
    public const string BuyBeanie = "BUY_BEANIE";
    public const string Hours = "ICEBREAKER_HOURS";

    [OnQuickReply(OrderStatus)]
    private ValueTask TrackOrder(MessageReceivedEvent tap) => log.Add(nameof(TrackOrder), tap.QuickReplyPayload);

    [OnQuickReply(Returns)]
    private Task StartReturn(MessageReceivedEvent tap, CancellationToken cancellationToken) => log.Add(nameof(StartReturn), tap.QuickReplyPayload).AsTask();

    [OnQuickReply(Human)]
    private ValueTask HandOver(MessageReceivedEvent tap, CancellationToken cancellationToken) => log.Add(nameof(HandOver), tap.QuickReplyPayload);

    [OnPostback(BuyJacket)]
    private ValueTask Jacket(PostbackReceivedEvent press) => log.Add(nameof(Jacket), press.Payload);

    [OnPostback(BuyBeanie)]
    private ValueTask Beanie(PostbackReceivedEvent press) => log.Add(nameof(Beanie), press.Payload);

    [OnPostback(Hours)]
    private ValueTask OpeningHours(PostbackReceivedEvent press) => log.Add(nameof(OpeningHours), press.Payload);

    [OnMessage]
    private ValueTask Text(MessageReceivedEvent message) => log.Add(nameof(Text), message.Text);
}

public sealed class RouteLog
{
    private readonly ConcurrentQueue<(string Method, string? Value)> _calls = new();

    public IReadOnlyCollection<(string Method, string? Value)> Calls => _calls.ToArray();

    public ValueTask Add(string method, string? value)
    {
        _calls.Enqueue((method, value));
        return default;
    }
}
