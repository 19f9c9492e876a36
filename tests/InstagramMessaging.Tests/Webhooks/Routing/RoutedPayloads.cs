namespace InstagramMessaging.Tests.Webhooks.Routing;

// Payload constants shared by the send sites and the routes, as an app would write them.
internal static class RoutedPayloads
{
    public const string OrderStatus = "ORDER_STATUS";
    public const string Human = "HUMAN";
}
