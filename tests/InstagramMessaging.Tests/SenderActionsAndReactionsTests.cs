using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using InstagramMessaging.Rules;
using InstagramMessaging.Testing;
using Xunit;
using static InstagramMessaging.Tests.EmulatedMessenger;

namespace InstagramMessaging.Tests;

// InstagramMessenger.ReactAsync, UnreactAsync, SendHeartAsync and SendSenderActionAsync: the bodies Meta expects.
public class SenderActionsAndReactionsTests
{
    private const string Igsid = "1254459154682919";
    private static readonly Recipient User = Recipient.Id(Igsid);

    [Fact]
    public async Task Reactions_hearts_and_sender_actions_have_Metas_shapes()
    {
        var (messenger, emulator) = Create();

        var react = await messenger.ReactAsync(User, "m_1");
        await messenger.ReactAsync(User, "m_1", "😀");
        await messenger.UnreactAsync(User, "m_1");
        var heart = await messenger.SendHeartAsync(User);
        await messenger.SendSenderActionAsync(User, SenderAction.TypingOn);
        await messenger.SendSenderActionAsync(User, SenderAction.TypingOff);
        await messenger.SendSenderActionAsync(User, SenderAction.MarkSeen);

        Assert.Equal((Igsid, null), (react.RecipientId, react.MessageId));
        Assert.NotNull(heart.MessageId);
        var bodies = emulator.Requests.Select(r => r.Body).ToArray();
        JsonAssert.Equivalent("""{"recipient":{"id":"1254459154682919"},"sender_action":"react","payload":{"message_id":"m_1","reaction":"love"}}""", bodies[0]);
        JsonAssert.Equivalent("""{"recipient":{"id":"1254459154682919"},"sender_action":"unreact","payload":{"message_id":"m_1"}}""", bodies[2]);
        JsonAssert.Equivalent("""{"recipient":{"id":"1254459154682919"},"message":{"attachment":{"type":"like_heart"}}}""", bodies[3]);
        JsonAssert.Equivalent("""{"recipient":{"id":"1254459154682919"},"sender_action":"typing_on"}""", bodies[4]);
        Assert.Equal(
            new[] { ("react", "love"), ("react", "😀"), ("unreact", null), ("typing_on", null), ("typing_off", null), ("mark_seen", null) },
            emulator.Actions.Select(a => (a.Action, a.Reaction)).ToArray());
    }
}
