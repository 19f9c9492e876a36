using System;

namespace InstagramMessaging;

/// <summary>A fixed quick reply offered under the text (at most 13; titles are cut after 20 characters).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class QuickReplyAttribute : Attribute
{
    /// <summary>Declares a quick reply.</summary>
    /// <param name="title">What the button shows (at most 20 characters are displayed).</param>
    /// <param name="payload">What your webhook receives when it is tapped.</param>
    public QuickReplyAttribute(string title, string payload)
    {
        Title = title;
        Payload = payload;
    }

    /// <summary>What the button shows.</summary>
    public string Title { get; }

    /// <summary>What your webhook receives when it is tapped.</summary>
    public string Payload { get; }
}
