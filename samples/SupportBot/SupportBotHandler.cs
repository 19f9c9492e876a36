using InstagramMessaging;
using InstagramMessaging.Webhooks;

namespace SupportBot;

/// <summary>
/// The bot: answers the customer's messages, quick-reply taps and postback buttons. It never answers a
/// <see cref="MessageEchoEvent"/> (its own messages coming back), so it cannot talk to itself.
/// </summary>
public sealed class SupportBotHandler(InstagramMessenger messenger, ConversationLog log) : IInstagramWebhookHandler
{
    public async ValueTask HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        log.Received(webhookEvent);
        switch (webhookEvent)
        {
            case MessageReceivedEvent { QuickReplyPayload: { } payload, SenderId: { } customer }:
                await AnswerPayloadAsync(customer, payload, cancellationToken);
                break;
            case PostbackReceivedEvent { Payload: { } payload, SenderId: { } customer }:
                await AnswerPayloadAsync(customer, payload, cancellationToken);
                break;
            case MessageReceivedEvent { SenderId: { } customer, IsTest: false } message:
                await SendAsync(new MainMenu("Hi! I'm the shop's assistant. What can I do for you?"), customer, cancellationToken);
                break;
            case ReactionEvent { Action: ReactionAction.React, SenderId: { } customer, MessageId: var reacted }:
                await SendAsync(new Answer("Thanks for the love!", InReplyTo: reacted), customer, cancellationToken);
                break;
        }
    }

    private Task AnswerPayloadAsync(string customer, string payload, CancellationToken cancellationToken) => payload switch
    {
        Payloads.OrderStatus => SendAsync(new Answer("Your order #1042 left our warehouse this morning and arrives on Friday."), customer, cancellationToken),
        Payloads.Browse => SendAsync(new Catalogue(
        [
            new GenericElement("Denim jacket") { Subtitle = "Three washes, S to XL", ImageUrl = "https://cdn.example.com/jacket.jpg", Buttons = [Button.Postback("I want it", Payloads.BuyJacket)] },
            new GenericElement("Wool beanie") { Subtitle = "Five colours", ImageUrl = "https://cdn.example.com/beanie.jpg", Buttons = [Button.Postback("I want it", Payloads.BuyBeanie)] },
        ]), customer, cancellationToken),
        Payloads.BuyJacket or Payloads.BuyBeanie => SendAsync(new Answer("Great choice! Here is your checkout link: https://shop.example/checkout"), customer, cancellationToken),
        Payloads.Human => SendAsync(new Answer("A person from our team will answer here shortly."), customer, cancellationToken),
        _ => SendAsync(new Answer("Sorry, I did not get that."), customer, cancellationToken),
    };

    private async Task SendAsync(IInstagramMessage message, string customer, CancellationToken cancellationToken)
    {
        var result = await messenger.SendAsync(Recipient.Id(customer), message, cancellationToken: cancellationToken);
        log.Sent(customer, message, result);
    }
}
