using System;
using System.Text.Json;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Xunit;
using static InstagramMessaging.Tests.EmulatedMessenger;

namespace InstagramMessaging.Tests;

// The emulator's customer answers what the app's contracts actually sent: quick replies and postback buttons.
public class SimulatedCustomerTests
{
    private const string Igsid = "1254459154682919";

    [Fact]
    public async Task A_customer_taps_a_quick_reply_a_contract_sent_and_reacts_to_the_message_by_the_id_SendAsync_returned()
    {
        var (messenger, emulator) = Create();
        var customer = emulator.User(Igsid);
        var sent = await new Poll("Pick one").SendAsync(messenger, Recipient.Id(Igsid));

        var tap = await customer.TapQuickReplyAsync("Q_NO");
        var reaction = await customer.ReactAsync(sent.MessageId!);

        using var item = JsonDocument.Parse(tap.Json);
        var message = item.RootElement.GetProperty("message");
        Assert.Equal(("No", "Q_NO"), (message.GetProperty("text").GetString(), message.GetProperty("quick_reply").GetProperty("payload").GetString()));
        Assert.Equal(sent.MessageId, reaction.MessageId);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => customer.TapQuickReplyAsync("Q_MAYBE"));
        Assert.Contains("'Q_YES', 'Q_NO'", error.Message);
    }

    [Fact]
    public async Task A_customer_presses_a_postback_button_of_a_generic_template_contract()
    {
        var (messenger, emulator) = Create();
        await new Carousel(new[] { new GenericElement("Hat") { Subtitle = "Warm", Buttons = new Button[] { Button.Postback("Buy", "BUY_HAT") } } })
            .SendAsync(messenger, Recipient.Id(Igsid));

        var press = await emulator.User(Igsid).PressPostbackAsync("BUY_HAT");

        using var item = JsonDocument.Parse(press.Json);
        var postback = item.RootElement.GetProperty("postback");
        Assert.Equal(("Buy", "BUY_HAT"), (postback.GetProperty("title").GetString(), postback.GetProperty("payload").GetString()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => emulator.User("another-customer").PressPostbackAsync("BUY_HAT"));
    }
}
