using System.Linq;
using InstagramMessaging.Webhooks;
using Xunit;
using static InstagramMessaging.Tests.Webhooks.WebhookBodies;

namespace InstagramMessaging.Tests.Webhooks;

// The spec's §6: one key per event, never per body.
public sealed class WebhookDedupeKeyTests
{
    private static string Key(string item, long time = 1781520016812)
        => Assert.Single(InstagramWebhookParser.Parse(Utf8(Messaging(item, time: time))).Events).DedupeKey;

    [Fact]
    public void The_same_event_inside_two_different_batches_has_one_key()
    {
        var message = Item($"\"message\":{{\"mid\":\"{Mid}\",\"text\":\"hi\"}}");
        var other = Item("\"reaction\":{\"mid\":\"x\",\"action\":\"react\",\"reaction\":\"love\"}");
        var alone = InstagramWebhookParser.Parse(Utf8(Messaging(message))).Events.Single();
        var batched = InstagramWebhookParser.Parse(Utf8(Messaging(other + "," + message, time: 1781520099999))).Events;
        Assert.Equal(alone.DedupeKey, batched[1].DedupeKey);
        Assert.NotEqual(batched[0].DedupeKey, batched[1].DedupeKey);
    }

    [Fact]
    public void An_echo_and_an_inbound_message_with_the_same_mid_have_different_keys()
    {
        var inbound = Key(Item($"\"message\":{{\"mid\":\"{Mid}\",\"text\":\"hi\"}}"));
        var echo = Key(Item($"\"message\":{{\"mid\":\"{Mid}\",\"text\":\"hi\",\"is_echo\":true}}", sender: Account, recipient: Customer));
        var self = Key(Item($"\"message\":{{\"mid\":\"{Mid}\",\"text\":\"hi\",\"is_self\":true}}", sender: Account, recipient: Account));
        Assert.Equal(3, new[] { inbound, echo, self }.Distinct().Count());
    }

    [Fact]
    public void A_deletion_is_not_the_message_it_deletes()
        => Assert.NotEqual(
            Key(Item($"\"message\":{{\"mid\":\"{Mid}\",\"text\":\"hi\"}}")),
            Key(Item($"\"message\":{{\"mid\":\"{Mid}\",\"is_deleted\":true}}")));

    [Fact]
    public void Each_edit_is_its_own_event_and_empty_edits_are_told_apart_by_text()
    {
        var first = Key(Item($"\"message_edit\":{{\"mid\":\"{Mid}\",\"text\":\"a\",\"num_edit\":1}}"));
        var second = Key(Item($"\"message_edit\":{{\"mid\":\"{Mid}\",\"text\":\"b\",\"num_edit\":2}}"));
        var zeroA = Key(Item($"\"message_edit\":{{\"mid\":\"{Mid}\",\"text\":\"a\",\"num_edit\":0}}"));
        var zeroB = Key(Item($"\"message_edit\":{{\"mid\":\"{Mid}\",\"text\":\"b\",\"num_edit\":0}}"));
        Assert.Equal(4, new[] { first, second, zeroA, zeroB }.Distinct().Count());
        Assert.Equal(first, Key(Item($"\"message_edit\":{{\"mid\":\"{Mid}\",\"text\":\"a\",\"num_edit\":1}}", timestamp: 1781520099999)));
    }

    [Fact]
    public void Reactions_differ_by_action_reaction_and_time()
    {
        var love = Key(Item($"\"reaction\":{{\"mid\":\"{Mid}\",\"action\":\"react\",\"reaction\":\"love\"}}"));
        var laugh = Key(Item($"\"reaction\":{{\"mid\":\"{Mid}\",\"action\":\"react\",\"reaction\":\"laugh\"}}"));
        var unreact = Key(Item($"\"reaction\":{{\"mid\":\"{Mid}\",\"action\":\"unreact\"}}"));
        var loveAgain = Key(Item($"\"reaction\":{{\"mid\":\"{Mid}\",\"action\":\"react\",\"reaction\":\"love\"}}", timestamp: 1781520099999));
        Assert.Equal(4, new[] { love, laugh, unreact, loveAgain }.Distinct().Count());
    }

    [Fact]
    public void Postbacks_are_keyed_by_mid_or_else_by_sender_time_and_payload()
    {
        Assert.Equal(
            Key(Item("\"postback\":{\"mid\":\"p1\",\"payload\":\"A\"}")),
            Key(Item("\"postback\":{\"mid\":\"p1\",\"payload\":\"A\"}"), time: 1781520099999));
        Assert.NotEqual(
            Key(Item("\"postback\":{\"payload\":\"A\"}")),
            Key(Item("\"postback\":{\"payload\":\"B\"}")));
    }

    [Fact]
    public void Reads_repeat_harmlessly_and_keys_belong_to_one_account()
    {
        Assert.Equal(Key(Item($"\"read\":{{\"mid\":\"{Mid}\"}}")), Key(Item($"\"read\":{{\"mid\":\"{Mid}\"}}", timestamp: 1781520099999)));
        var here = InstagramWebhookParser.Parse(Utf8(Messaging(Item("\"message\":{\"mid\":\"m\",\"text\":\"t\"}")))).Events.Single();
        var there = InstagramWebhookParser.Parse(Utf8(Messaging(Item("\"message\":{\"mid\":\"m\",\"text\":\"t\"}"), account: "17841400000000009"))).Events.Single();
        Assert.NotEqual(here.DedupeKey, there.DedupeKey);
    }
}
