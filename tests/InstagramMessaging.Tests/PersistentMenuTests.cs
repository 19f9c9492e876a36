using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using InstagramMessaging.Rules;
using InstagramMessaging.Testing;
using Xunit;
using static InstagramMessaging.Tests.EmulatedMessenger;

namespace InstagramMessaging.Tests;

// InstagramMessenger.SetPersistentMenuAsync, GetPersistentMenuAsync and DeletePersistentMenuAsync.
public class PersistentMenuTests
{
    [Fact]
    public async Task Persistent_menu_is_set_read_and_deleted()
    {
        var (messenger, emulator) = Create();
        var menu = new[] { new PersistentMenu("default", new Button[] { Button.Postback("Talk to an agent", "CARE_HELP"), Button.Url("Shop now", "https://shop.example") }) };

        await messenger.SetPersistentMenuAsync(menu);
        var read = await messenger.GetPersistentMenuAsync();
        await messenger.DeletePersistentMenuAsync();

        JsonAssert.Equivalent(
            """
            { "persistent_menu":[{ "locale":"default",
                "call_to_actions":[{"type":"postback","title":"Talk to an agent","payload":"CARE_HELP"},
                                   {"type":"web_url","title":"Shop now","url":"https://shop.example"}]}]}
            """,
            emulator.Requests[0].Body);
        Assert.Equal(menu[0].Items, Assert.Single(read).Items);
        Assert.Empty(await messenger.GetPersistentMenuAsync());
    }

    [Fact]
    public async Task Persistent_menu_rules_are_checked_before_any_request()
    {
        var (messenger, emulator) = Create();
        await Assert.ThrowsAsync<InstagramMessageValidationException>(() => messenger.SetPersistentMenuAsync(new[] { new PersistentMenu(AtRunTime("en_US"), new Button[] { Button.Postback("Hi", "HI") }) }));
        await Assert.ThrowsAsync<InstagramMessageValidationException>(() => messenger.SetPersistentMenuAsync(new[] { new PersistentMenu("default", new Button[] { Button.Url("Shop", AtRunTime("/relative")) }) }));
        Assert.Empty(emulator.Requests);
    }

    private static string AtRunTime(string value) => value;
}
