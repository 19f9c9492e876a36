using InstagramMessaging;
using InstagramMessaging.Webhooks;

namespace SupportBot;

/// <summary>
/// The bot, routed by payload: the generator writes <see cref="IInstagramWebhookHandler.HandleAsync"/> as a switch
/// over the event kind and the payload, and the analyzers check that every payload the app sends (the quick replies
/// of <see cref="MainMenu"/>, the postback buttons of <see cref="Catalogue"/>) has a route here, and every route
/// has a sender. Its own messages come back as echoes, which it only logs. It never answers the account itself:
/// the generated routing keeps self messaging (the account writing to itself) away from the customer routes, and
/// <see cref="SendAsync"/> refuses to answer the account or a thread another app owns (standby), so no reaction or
/// future route can start a loop or talk over a human agent either.
/// </summary>
[InstagramWebhookHandler]
public sealed partial class SupportBotHandler(InstagramMessenger messenger, ConversationLog log)
{
    [OnMessage]
    private Task Greet(MessageReceivedEvent message, CancellationToken cancellationToken)
    {
        log.Received(message);
        return message.IsTest
            ? Task.CompletedTask
            : SendAsync(new MainMenu("Hi! I'm the shop's assistant. What can I do for you?"), message, cancellationToken);
    }

    [OnQuickReply(Payloads.OrderStatus)]
    private Task OrderStatus(MessageReceivedEvent tap, CancellationToken cancellationToken)
        => Answer(tap, new Answer("Your order #1042 left our warehouse this morning and arrives on Friday."), cancellationToken);

    [OnQuickReply(Payloads.Browse)]
    private Task Browse(MessageReceivedEvent tap, CancellationToken cancellationToken)
        => Answer(tap, new Catalogue(
        [
            new GenericElement("Denim jacket") { Subtitle = "Three washes, S to XL", ImageUrl = "https://cdn.example.com/jacket.jpg", Buttons = [Button.Postback("I want it", Payloads.BuyJacket)] },
            new GenericElement("Wool beanie") { Subtitle = "Five colours", ImageUrl = "https://cdn.example.com/beanie.jpg", Buttons = [Button.Postback("I want it", Payloads.BuyBeanie)] },
        ]), cancellationToken);

    [OnQuickReply(Payloads.Human)]
    private Task Human(MessageReceivedEvent tap, CancellationToken cancellationToken)
        => Answer(tap, new Answer("A person from our team will answer here shortly."), cancellationToken);

    [OnPostback(Payloads.BuyJacket)]
    [OnPostback(Payloads.BuyBeanie)]
    private Task Buy(PostbackReceivedEvent press, CancellationToken cancellationToken)
        => Answer(press, new Answer("Great choice! Here is your checkout link: https://shop.example/checkout"), cancellationToken);

    [OnReaction]
    private Task Thanks(ReactionEvent reaction, CancellationToken cancellationToken)
        => reaction.Action == ReactionAction.React
            ? Answer(reaction, new Answer("Thanks for the love!", InReplyTo: reaction.MessageId), cancellationToken)
            : Task.CompletedTask;

    [OnEcho]
    private ValueTask Echo(MessageEchoEvent echo)
    {
        log.Received(echo);
        return default;
    }

    private Task Answer(InstagramWebhookEvent cause, IInstagramMessage answer, CancellationToken cancellationToken)
    {
        log.Received(cause);
        return SendAsync(answer, cause, cancellationToken);
    }

    private async Task SendAsync(IInstagramMessage message, InstagramWebhookEvent cause, CancellationToken cancellationToken)
    {
        var customer = cause.CustomerId;
        if (customer is null || customer == cause.AccountId || cause.IsStandby)
        {
            return; // the account's own event (self messaging), or a thread another app owns (standby): not ours to answer
        }

        var result = await messenger.SendAsync(Recipient.Id(customer), message, cancellationToken: cancellationToken);
        log.Sent(customer, message, result);
    }
}
