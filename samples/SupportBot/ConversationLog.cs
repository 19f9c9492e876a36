using InstagramMessaging;
using InstagramMessaging.Webhooks;

namespace SupportBot;

/// <summary>Prints both sides of every conversation, so the sample shows what happens.</summary>
public sealed class ConversationLog
{
    private int _answers;

    /// <summary>How many messages the bot has sent.</summary>
    public int Answers => Volatile.Read(ref _answers);

    public void Received(InstagramWebhookEvent webhookEvent)
    {
        var line = webhookEvent switch
        {
            MessageReceivedEvent { QuickReplyPayload: { } payload } m => $"customer {m.SenderId} tapped \"{m.Text}\" ({payload})",
            MessageReceivedEvent m => $"customer {m.SenderId} wrote \"{m.Text}\"",
            MessageEchoEvent e => $"echo of our message {Short(e.MessageId)} (ignored)",
            PostbackReceivedEvent p => $"customer {p.SenderId} pressed \"{p.Title}\" ({p.Payload})",
            ReactionEvent r => $"customer {r.SenderId} reacted {r.Emoji ?? r.Reaction} to {Short(r.MessageId)}",
            MessageReadEvent r => $"customer {r.SenderId} read {Short(r.MessageId)}",
            _ => $"{webhookEvent.GetType().Name} from {webhookEvent.SenderId}",
        };
        Console.WriteLine($"  <- {line}");
    }

    public void Sent(string customer, IInstagramMessage message, SendResult result)
    {
        Interlocked.Increment(ref _answers);
        Console.WriteLine($"  -> bot answered {customer} with {message.GetType().Name} ({Short(result.MessageId)})");
    }

    private static string Short(string? id) => id is null ? "(none)" : id.Length <= 12 ? id : "…" + id[^10..];
}
