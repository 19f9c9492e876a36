using System;
using System.Linq;
using InstagramMessaging.Webhooks;
using Xunit;
using static InstagramMessaging.Tests.Webhooks.WebhookBodies;

namespace InstagramMessaging.Tests.Webhooks;

public sealed class WebhookEventSerializerTests
{
    // Every kind of array and event comes back as the same event: messaging, standby, changes, unknown kinds, and an
    // entry whose arrays come before its id.
    [Fact]
    public void Every_parsed_event_reads_back_as_the_same_event()
    {
        var body = "{\"object\":\"instagram\",\"entry\":["
            + "{\"messaging\":[" + Item($"\"message\":{{\"mid\":\"{Mid}\",\"text\":\"hi \\u00e9\",\"attachments\":[{{\"type\":\"image\",\"payload\":{{\"url\":\"https://cdn.example.com/a.jpg\"}}}}],\"reply_to\":{{\"mid\":\"m0\"}}}}") + ","
            + Item("\"postback\":{\"mid\":\"m-postback\",\"title\":\"Yes\",\"payload\":\"YES\"}") + ","
            + Item("\"reaction\":{\"mid\":\"m1\",\"action\":\"react\",\"reaction\":\"love\",\"emoji\":\"\\u2764\"}") + ","
            + Item("\"optin\":{\"ref\":\"x\"}") + ","
            + "{\"recipient\":{\"id\":\"" + Account + "\"},\"timestamp\":1781521000000,\"app_roles\":{\"918273645501234\":[\"primary_receiver\"]}}" + "],\"id\":\"" + Account + "\",\"time\":1781520016812},"
            + "{\"id\":\"" + Account + "\",\"standby\":[" + Item("\"message\":{\"mid\":\"m-standby\",\"text\":\"other app\"}") + "]},"
            + "{\"id\":\"" + Account + "\",\"time\":1781520016812,\"changes\":[{\"field\":\"comments\",\"value\":{\"id\":\"c1\",\"text\":\"nice\",\"from\":{\"id\":\"u1\",\"username\":\"someone\"},\"media\":{\"id\":\"media1\",\"media_product_type\":\"FEED\"}}},{\"field\":\"story_insights\",\"value\":{\"media_id\":\"s1\",\"reach\":3}}]}"
            + "]}";
        var events = InstagramWebhookParser.Parse(Utf8(body), keepItems: true).Events;
        Assert.Equal(8, events.Count);
        foreach (var original in events)
        {
            var data = InstagramWebhookEventSerializer.Serialize(original);
            var read = InstagramWebhookEventSerializer.Deserialize(data);
            Assert.Equal(original, read); // by value, a message's attachments and the apps' roles included
            Assert.Equal(original.GetHashCode(), read.GetHashCode());
            Assert.Equal(original.GetType(), read.GetType());
            Assert.Equal(original.DedupeKey, read.DedupeKey);
            Assert.Equal(original.ToString(), read.ToString());
            Assert.Equal(original.IsStandby, read.IsStandby);
            Assert.Equal(data, InstagramWebhookEventSerializer.Serialize(read));
        }

        Assert.Contains(events, e => e is UnknownWebhookEvent);
        Assert.Contains(events, e => e is ThreadControlEvent { Action: ThreadControlAction.AppRoles });
        Assert.Contains(events, e => e is MessageReceivedEvent { Attachments.Count: 1 });
        Assert.Contains(events, e => e is CommentEvent);
        Assert.Contains(events, e => e.IsStandby);
    }

    // The fields added after the first version (reply_to.is_self_reply, echo app_id/metadata, postback is_self,
    // referral post_id/flow_id, comment self_ig_scoped_id and ad media) come back through the durable queue's bytes.
    [Fact]
    public void Every_kept_field_reads_back()
    {
        var body = "{\"object\":\"instagram\",\"entry\":["
            + "{\"id\":\"" + Account + "\",\"time\":1781520016812,\"messaging\":["
            + Item($"\"message\":{{\"mid\":\"m1\",\"text\":\"this one\",\"reply_to\":{{\"mid\":\"{Mid}\",\"is_self_reply\":true}},\"referral\":{{\"ref\":\"r\",\"ad_id\":\"1\",\"post_id\":\"p1\",\"product_id\":\"pr1\",\"flow_id\":42,\"ads_context_data\":{{\"video_url\":\"https://cdn.example.com/v.mp4\"}}}}}}") + ","
            + Item("\"message\":{\"mid\":\"m2\",\"text\":\"sent\",\"is_echo\":true,\"app_id\":1517776481860111,\"metadata\":\"order-42\"}", sender: Account, recipient: Customer) + ","
            + Item("\"postback\":{\"mid\":\"m3\",\"title\":\"Preview\",\"payload\":\"PREVIEW\",\"is_self\":true}", sender: Account, recipient: Account)
            + "]},"
            + "{\"id\":\"" + Account + "\",\"time\":1781521100,\"changes\":[{\"field\":\"live_comments\",\"value\":{\"id\":\"c2\",\"parent_id\":\"c1\",\"text\":\"ok\",\"from\":{\"id\":\"u1\",\"username\":\"someone\",\"self_ig_scoped_id\":\"s1\"},\"media\":{\"id\":\"media1\",\"media_product_type\":\"AD\",\"ad_id\":\"ad1\",\"ad_title\":\"Sale\",\"original_media_id\":\"media0\"}}}]}"
            + "]}";
        var events = InstagramWebhookParser.Parse(Utf8(body), keepItems: true).Events;
        var read = events.Select(e => InstagramWebhookEventSerializer.Deserialize(InstagramWebhookEventSerializer.Serialize(e))).ToArray();
        Assert.Equal(events, read);

        var message = Assert.IsType<MessageReceivedEvent>(read[0]);
        Assert.True(message.IsSelfReply);
        Assert.Equal(new WebhookReferral { Ref = "r", AdId = "1", PostId = "p1", ProductId = "pr1", FlowId = "42", VideoUrl = "https://cdn.example.com/v.mp4" }, message.Referral);
        var echo = Assert.IsType<MessageEchoEvent>(read[1]);
        Assert.Equal("1517776481860111", echo.AppId);
        Assert.Equal("order-42", echo.Metadata);
        Assert.True(Assert.IsType<PostbackReceivedEvent>(read[2]).IsSelf);
        var comment = Assert.IsType<CommentEvent>(read[3]);
        Assert.Equal(("live_comments", "c1", "s1", "ad1", "Sale", "media0"), (comment.Field, comment.ParentId, comment.FromSelfIgScopedId, comment.AdId, comment.AdTitle, comment.OriginalMediaId));
    }

    // The item a parsed event carries is not part of its value: the same event parsed twice is equal.
    [Fact]
    public void Equality_ignores_where_an_event_was_read()
    {
        var first = InstagramWebhookParser.Parse(keepItems: true, body: Utf8(Messaging(Item($"\"message\":{{\"mid\":\"{Mid}\",\"text\":\"hello\"}}")))).Events.Single();
        var second = InstagramWebhookParser.Parse(Utf8("{\"entry\":[{\"time\":1,\"id\":\"" + Account + "\",\"messaging\":[" + Item($"\"message\":{{\"text\":\"hello\",\"mid\":\"{Mid}\"}}") + "]}],\"object\":\"instagram\"}")).Events.Single();
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, ((MessageReceivedEvent)first) with { Text = "other" });
        Assert.NotEqual(first, first with { SenderId = "someone else" });
    }

    [Fact]
    public void Events_made_in_code_or_bytes_of_several_events_are_refused()
    {
        var made = new MessageReceivedEvent { AccountId = Account, MessageId = "m" };
        Assert.Throws<ArgumentException>(() => InstagramWebhookEventSerializer.Serialize(made));
        var withoutItems = InstagramWebhookParser.Parse(Utf8(Messaging(Item("\"message\":{\"mid\":\"a\",\"text\":\"1\"}")))).Events.Single();
        Assert.Throws<ArgumentException>(() => InstagramWebhookEventSerializer.Serialize(withoutItems));
        var two = Utf8(Messaging(Item("\"message\":{\"mid\":\"a\",\"text\":\"1\"}") + "," + Item("\"message\":{\"mid\":\"b\",\"text\":\"2\"}")));
        Assert.Throws<InstagramWebhookFormatException>(() => InstagramWebhookEventSerializer.Deserialize(two));
    }
}
