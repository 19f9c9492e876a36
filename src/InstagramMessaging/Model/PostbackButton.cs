namespace InstagramMessaging;

/// <summary>A <c>postback</c> button.</summary>
public sealed record PostbackButton : Button
{
    internal PostbackButton(string title, string payload)
        : base(title) => Payload = payload;

    /// <summary>What your webhook receives when it is tapped.</summary>
    public string Payload { get; }
}
