using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static InstagramMessaging.Testing.Tests.RawGraphRequests;

namespace InstagramMessaging.Testing.Tests;

// The emulator's messenger_profile edge (ProfileHandler), spoken to in raw JSON.
public class EmulatorMessengerProfileTests
{
    [Fact]
    public async Task Messenger_profile_keeps_ice_breakers_and_refuses_broken_ones()
    {
        var emulator = new GraphApiEmulator();
        const string path = "/v25.0/me/messenger_profile?platform=instagram";

        var (set, _) = await PostAsync(emulator, """{"platform":"instagram","ice_breakers":[{"locale":"default","call_to_actions":[{"question":"Where?","payload":"LOC"}]}]}""", path);
        var (_, read) = await SendAsync(emulator, HttpMethod.Get, "/v25.0/me/messenger_profile?fields=ice_breakers&platform=instagram", null);
        Assert.Equal(HttpStatusCode.OK, set);
        Assert.Equal("Where?", read.GetProperty("data")[0].GetProperty("ice_breakers")[0].GetProperty("call_to_actions")[0].GetProperty("question").GetString());

        var five = string.Join(",", Enumerable.Range(0, 5).Select(i => $$$$$"""{"question":"Q{{{{{i}}}}}","payload":"P"}"""));
        Assert.Equal(100, Error((await PostAsync(emulator, $$$$$"""{"ice_breakers":[{"locale":"default","call_to_actions":[{{{{{five}}}}}]}]}""", path)).Body).Code);
        Assert.Equal(100, Error((await PostAsync(emulator, """{"ice_breakers":[{"locale":"en_GB","call_to_actions":[{"question":"Q","payload":"P"}]}]}""", path)).Body).Code);
        Assert.Equal(100, Error((await PostAsync(emulator, """{"persistent_menu":[{"locale":"default","call_to_actions":[{"type":"phone_number","title":"Call","payload":"+1"}]}]}""", path)).Body).Code);
        Assert.Equal(100, Error((await PostAsync(emulator, """{"ice_breakers":[]}""", "/v25.0/me/messenger_profile")).Body).Code);

        var (deleted, _) = await SendAsync(emulator, HttpMethod.Delete, path, new StringContent("""{"fields":["ice_breakers"]}""", Encoding.UTF8, "application/json"));
        var (_, empty) = await SendAsync(emulator, HttpMethod.Get, "/v25.0/me/messenger_profile?fields=ice_breakers&platform=instagram", null);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(0, empty.GetProperty("data").GetArrayLength());
    }
}
