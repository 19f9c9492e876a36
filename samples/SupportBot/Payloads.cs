namespace SupportBot;

/// <summary>Every payload the bot sends and handles, in one place.</summary>
public static class Payloads
{
    public const string OrderStatus = "ORDER_STATUS";
    public const string Browse = "BROWSE";
    public const string Human = "HUMAN";
    public const string BuyJacket = "BUY_JACKET";
    public const string BuyBeanie = "BUY_BEANIE";
}
