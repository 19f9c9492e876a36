using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using InstagramMessaging.Rules;
using InstagramMessaging.Testing;
using Xunit;
using static InstagramMessaging.Tests.EmulatedMessenger;

namespace InstagramMessaging.Tests;

// InstagramMessenger.SetIceBreakersAsync, GetIceBreakersAsync and DeleteIceBreakersAsync.
public class IceBreakersTests
{
    [Fact]
    public async Task Ice_breakers_are_set_read_and_deleted()
    {
        var (messenger, emulator) = Create();
        var sets = new[]
        {
            new IceBreakerSet("default", new[] { new IceBreaker("Where are you located?", "LOC"), new IceBreaker("Opening hours?", "HOURS") }),
            new IceBreakerSet("en_GB", new[] { new IceBreaker("Where are you?", "LOC") }),
        };

        await messenger.SetIceBreakersAsync(sets);
        var read = await messenger.GetIceBreakersAsync();
        await messenger.DeleteIceBreakersAsync();
        var afterDelete = await messenger.GetIceBreakersAsync();

        Assert.Equal("/v25.0/me/messenger_profile?platform=instagram", emulator.Requests[0].PathAndQuery);
        JsonAssert.Equivalent(
            """
            {"platform":"instagram","ice_breakers":[
              {"locale":"default","call_to_actions":[{"question":"Where are you located?","payload":"LOC"},{"question":"Opening hours?","payload":"HOURS"}]},
              {"locale":"en_GB","call_to_actions":[{"question":"Where are you?","payload":"LOC"}]}]}
            """,
            emulator.Requests[0].Body);
        Assert.Equal(sets.Select(s => (s.Locale, string.Join("|", s.Questions))), read.Select(s => (s.Locale, string.Join("|", s.Questions))));
        Assert.Equal("DELETE", emulator.Requests[2].Method);
        JsonAssert.Equivalent("""{"fields":["ice_breakers"]}""", emulator.Requests[2].Body);
        Assert.Empty(afterDelete);
    }

    [Fact]
    public async Task Ice_breaker_rules_are_checked_before_any_request()
    {
        var (messenger, emulator) = Create();
        var five = Enumerable.Range(0, 5).Select(i => new IceBreaker($"Q{i}?", $"P{i}")).ToArray();

        var tooMany = await Assert.ThrowsAsync<InstagramMessageValidationException>(() => messenger.SetIceBreakersAsync(new[] { new IceBreakerSet("default", five) }));
        var noDefault = await Assert.ThrowsAsync<InstagramMessageValidationException>(() => messenger.SetIceBreakersAsync(new[] { new IceBreakerSet(AtRunTime("en_GB"), five.Take(2).ToArray()) }));

        Assert.Equal("IGM018", Assert.Single(tooMany.Violations).RuleId);
        Assert.Contains("default", Assert.Single(noDefault.Violations).Message);
        Assert.Empty(emulator.Requests);
    }

    private static string AtRunTime(string value) => value;
}
