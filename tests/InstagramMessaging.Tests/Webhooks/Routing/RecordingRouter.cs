using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.Tests.Webhooks.Routing;

// A routed handler covering every return shape and parameter form routing accepts; it records each call.
[InstagramWebhookHandler]
internal sealed partial class RecordingRouter
{
    public List<(string Method, InstagramWebhookEvent Event, CancellationToken Token)> Calls { get; } = new();

    [OnQuickReply(RoutedPayloads.OrderStatus)]
    private ValueTask OrderStatus(MessageReceivedEvent message, CancellationToken cancellationToken)
        => Record(nameof(OrderStatus), message, cancellationToken);

    // One method for a quick reply and a postback: it takes the common base type.
    [OnQuickReply(RoutedPayloads.Human)]
    [OnPostback(RoutedPayloads.Human)]
    private Task TalkToHuman(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
        => Record(nameof(TalkToHuman), webhookEvent, cancellationToken).AsTask();

    [OnPostback("GET_STARTED")]
    private Task GetStarted(PostbackReceivedEvent postback)
        => Record(nameof(GetStarted), postback, CancellationToken.None).AsTask();

    [OnPostback("LOCATION")]
    private ValueTask Location(PostbackReceivedEvent postback, CancellationToken cancellationToken)
        => Record(nameof(Location), postback, cancellationToken);

    [OnMessage]
    private ValueTask AnyMessage(MessageReceivedEvent message, CancellationToken cancellationToken)
        => Record(nameof(AnyMessage), message, cancellationToken);

    [OnReaction]
    private ValueTask Reacted(ReactionEvent reaction, CancellationToken cancellationToken)
        => Record(nameof(Reacted), reaction, cancellationToken);

    [OnRead]
    private Task Read(MessageReadEvent read, CancellationToken cancellationToken)
        => Record(nameof(Read), read, cancellationToken).AsTask();

    [OnEcho]
    private ValueTask Echo(MessageContentEvent echo, CancellationToken cancellationToken)
        => Record(nameof(Echo), echo, cancellationToken);

    [OnEdit]
    private ValueTask Edited(MessageEditedEvent edit, CancellationToken cancellationToken)
        => Record(nameof(Edited), edit, cancellationToken);

    [OnDelete]
    private ValueTask Deleted(MessageDeletedEvent deletion, CancellationToken cancellationToken)
        => Record(nameof(Deleted), deletion, cancellationToken);

    [OnReferral]
    private ValueTask Referred(ReferralEvent referral, CancellationToken cancellationToken)
        => Record(nameof(Referred), referral, cancellationToken);

    private ValueTask Record(string method, InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        Calls.Add((method, webhookEvent, cancellationToken));
        return default;
    }
}
