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

    // Changes carry no time of their own: the entry's time, which Meta sets anew for every body.
    private static string ChangeKey(string field, string value, long entryTime, string account = Account)
        => Assert.Single(InstagramWebhookParser.Parse(Utf8(
            $"{{\"entry\": [{{\"id\": \"{account}\", \"time\": {entryTime}, \"changes\": [{{\"value\": {value}, \"field\": \"{field}\"}}]}}], \"object\": \"instagram\"}}")).Events).DedupeKey;

    [Fact]
    public void Referrals_are_keyed_by_sender_ref_and_time()
    {
        var referral = Item("\"referral\":{\"ref\":\"spring\",\"source\":\"ADS\",\"type\":\"OPEN_THREAD\"}");
        Assert.Equal(Key(referral), Key(referral, time: 1781520099999));
        Assert.Equal(3, new[]
        {
            Key(referral),
            Key(Item("\"referral\":{\"ref\":\"autumn\",\"source\":\"ADS\",\"type\":\"OPEN_THREAD\"}")),
            Key(Item("\"referral\":{\"ref\":\"spring\",\"source\":\"ADS\",\"type\":\"OPEN_THREAD\"}", timestamp: 1781520099999)),
        }.Distinct().Count());
    }

    [Fact]
    public void Handovers_are_keyed_by_action_sender_and_time()
    {
        var pass = Item("\"pass_thread_control\":{\"new_owner_app_id\":\"123\",\"metadata\":\"m\"}");
        Assert.Equal(Key(pass), Key(pass, time: 1781520099999));
        Assert.Equal(4, new[]
        {
            Key(pass),
            Key(Item("\"take_thread_control\":{\"previous_owner_app_id\":\"123\",\"metadata\":\"m\"}")),
            Key(Item("\"pass_thread_control\":{\"new_owner_app_id\":\"123\",\"metadata\":\"m\"}", timestamp: 1781520099999)),
            Key(Item("\"pass_thread_control\":{\"new_owner_app_id\":\"123\",\"metadata\":\"m\"}", sender: "7241980365028999")),
        }.Distinct().Count());
    }

    [Fact]
    public void Unknown_items_are_keyed_by_their_content()
    {
        var optin = Item("\"optin\":{\"ref\":\"a\"}");
        Assert.Equal(Key(optin), Key(optin, time: 1781520099999));
        Assert.Equal(3, new[]
        {
            Key(optin),
            Key(Item("\"optin\":{\"ref\":\"b\"}")),
            Key(Item("\"optin\":{\"ref\":\"a\"}", timestamp: 1781520099999)),
        }.Distinct().Count());
    }

    [Fact]
    public void The_same_change_inside_two_bodies_has_one_key()
    {
        const string Comment = """{"from": {"id": "1281680046167197", "username": "ana.silva"}, "media": {"id": "17921422172564586"}, "id": "17981481173635630", "text": "Love it!"}""";
        const string Insights = """{"media_id": "17921422172564586", "exits": 1}""";
        Assert.Equal(ChangeKey("comments", Comment, 1781521100), ChangeKey("comments", Comment, 1781521160));
        Assert.Equal(ChangeKey("mentions", """{"media_id": "42", "comment_id": "43"}""", 1781521100), ChangeKey("mentions", """{"media_id": "42", "comment_id": "43"}""", 1781521160));
        Assert.Equal(ChangeKey("story_insights", Insights, 1781521100), ChangeKey("story_insights", Insights, 1781521160));
        Assert.Equal(5, new[]
        {
            ChangeKey("comments", Comment, 1781521100),
            ChangeKey("live_comments", Comment, 1781521100),
            ChangeKey("comments", Comment.Replace("17981481173635630", "17981481173635631"), 1781521100),
            ChangeKey("mentions", """{"media_id": "42", "comment_id": "44"}""", 1781521100),
            ChangeKey("story_insights", Insights.Replace("\"exits\": 1", "\"exits\": 2"), 1781521100),
        }.Distinct().Count());
        Assert.NotEqual(ChangeKey("story_insights", Insights, 1781521100), ChangeKey("story_insights", Insights, 1781521100, account: "17841400000000009"));
    }
}
