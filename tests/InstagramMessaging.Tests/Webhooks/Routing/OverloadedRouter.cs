using System.Collections.Generic;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.Tests.Webhooks.Routing;

// Overloads of one name routed to different kinds: each route must call its own overload, not the most specific one.
[InstagramWebhookHandler]
internal sealed partial class OverloadedRouter
{
    public List<string> Calls { get; } = new();

    [OnQuickReply(RoutedPayloads.OrderStatus)]
    private ValueTask Handle(InstagramWebhookEvent webhookEvent)
    {
        Calls.Add("any");
        return default;
    }

    [OnMessage]
    private ValueTask Handle(MessageReceivedEvent message)
    {
        Calls.Add("message");
        return default;
    }
}
