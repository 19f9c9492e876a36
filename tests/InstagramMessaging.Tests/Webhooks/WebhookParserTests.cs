using System;
using System.Collections.Generic;
using System.Linq;
using InstagramMessaging.Webhooks;
using Xunit;
using static InstagramMessaging.Tests.Webhooks.WebhookBodies;

namespace InstagramMessaging.Tests.Webhooks;

public sealed class WebhookParserTests
{
    private static InstagramWebhookDelivery Parse(string body) => InstagramWebhookParser.Parse(Utf8(body));

    private static T Single<T>(string body)
        where T : InstagramWebhookEvent
        => Assert.IsType<T>(Assert.Single(Parse(body).Events));

    [Fact]
    public void A_text_message_has_its_ids_time_and_decoded_text()
    {
        var body = Messaging(Item($"\"message\":{{\"mid\":\"{Mid}\",\"text\":\"Do you ship to Lisbon? \\ud83d\\ude0a Caf\\u00e9\"}}"));
        var delivery = Parse(body);
        Assert.Equal("instagram", delivery.Object);
        Assert.True(delivery.IsInstagram);
        var message = Assert.IsType<MessageReceivedEvent>(Assert.Single(delivery.Events));
        Assert.Equal(Account, message.AccountId);
        Assert.Equal(Customer, message.SenderId);
        Assert.Equal(Account, message.RecipientId);
        Assert.Equal(Customer, message.CustomerId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1781520015307), message.Timestamp);
        Assert.Equal(Mid, message.MessageId);
        Assert.Equal("Do you ship to Lisbon? 😊 Café", message.Text);
        Assert.Empty(message.Attachments);
        Assert.Null(message.QuickReplyPayload);
        Assert.False(message.IsTest);
        Assert.False(message.IsStandby);
    }

    [Fact]
    public void Attachments_keep_every_type_as_sent_with_their_urls_titles_and_media_ids()
    {
        const string attachments = """
            [{"type":"image","payload":{"url":"https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1&signature=a"}},
             {"type":"video","payload":{"url":"https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2&signature=b"}},
             {"type":"audio","payload":{"url":"https://cdn/a"}},
             {"type":"file","payload":{"url":"https://cdn/f"}},
             {"type":"story_mention","payload":{"url":"https://cdn/s"}},
             {"type":"ig_reel","payload":{"url":"https://cdn/r","title":"Three ways to style a denim jacket #ootd","reel_video_id":"17873858025351922"}},
             {"type":"reel","payload":{"url":"https://cdn/r2","title":"Behind the scenes","reel_video_id":18022334455667788}},
             {"type":"ig_post","payload":{"url":"https://cdn/p","title":"New autumn collection is live","ig_post_media_id":"18139494541428835"}},
             {"type":"share","payload":{"url":"https://cdn/p","ig_post_media_id":"18139494541428835","title":"New autumn collection is live"}},
             {"type":"ig_story","payload":{"story_media_id":"18074819347285670","story_media_url":"https://cdn/story"}},
             {"type":"ephemeral"},
             {"type":"unsupported_type","payload":{"url":"https://cdn/u"}},
             {"type":"template","payload":{}},
             {"type":"hologram","payload":{"url":"https://cdn/h","depth":3}}]
            """;
        var message = Single<MessageReceivedEvent>(Messaging(Item($"\"message\":{{\"mid\":\"{Mid}\",\"attachments\":{attachments}}}")));
        Assert.Null(message.Text);
        Assert.Equal(
            new[] { "image", "video", "audio", "file", "story_mention", "ig_reel", "reel", "ig_post", "share", "ig_story", "ephemeral", "unsupported_type", "template", "hologram" },
            message.Attachments.Select(a => a.Type));
        Assert.Equal("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1&signature=a", message.Attachments[0].Url);
        Assert.Equal("Three ways to style a denim jacket #ootd", message.Attachments[5].Title);
        Assert.Equal("17873858025351922", message.Attachments[5].MediaId);
        Assert.Equal("18022334455667788", message.Attachments[6].MediaId); // a number on the wire
        Assert.Equal("18139494541428835", message.Attachments[7].MediaId);
        Assert.Equal("18074819347285670", message.Attachments[9].MediaId);
        Assert.Equal("https://cdn/story", message.Attachments[9].Url);
        Assert.Null(message.Attachments[10].Url);
        Assert.Null(message.Attachments[10].PayloadJson);
        Assert.Null(message.Attachments[0].PayloadJson); // everything in it is read into the members
        Assert.Null(message.Attachments[12].PayloadJson);
        Assert.Equal("{\"url\":\"https://cdn/h\",\"depth\":3}", message.Attachments[13].PayloadJson);
    }

    [Fact]
    public void A_quick_reply_tap_carries_the_title_as_text_and_the_payload()
    {
        var message = Single<MessageReceivedEvent>(Messaging(Item($"\"message\":{{\"mid\":\"{Mid}\",\"text\":\"Track my order\",\"quick_reply\":{{\"payload\":\"ORDER_STATUS\"}}}}")));
        Assert.Equal("Track my order", message.Text);
        Assert.Equal("ORDER_STATUS", message.QuickReplyPayload);
    }

    [Fact]
    public void Replies_quote_a_message_or_a_story()
    {
        var reply = Single<MessageReceivedEvent>(Messaging(Item($"\"message\":{{\"mid\":\"m2\",\"text\":\"yes this one\",\"reply_to\":{{\"mid\":\"{Mid}\",\"is_self_reply\":false}}}}")));
        Assert.Equal(Mid, reply.ReplyToMessageId);
        Assert.False(reply.IsSelfReply);
        Assert.Null(reply.ReplyToStory);

        var own = Single<MessageReceivedEvent>(Messaging(Item($"\"message\":{{\"mid\":\"m2b\",\"text\":\"and this\",\"reply_to\":{{\"is_self_reply\":true,\"mid\":\"{Mid}\"}}}}")));
        Assert.True(own.IsSelfReply);

        var unsaid = Single<MessageReceivedEvent>(Messaging(Item($"\"message\":{{\"mid\":\"m2c\",\"text\":\"this\",\"reply_to\":{{\"mid\":\"{Mid}\"}}}}")));
        Assert.Equal(Mid, unsaid.ReplyToMessageId);
        Assert.Null(unsaid.IsSelfReply);

        var echoed = Single<MessageEchoEvent>(Messaging(Item($"\"message\":{{\"mid\":\"m2d\",\"text\":\"see above\",\"is_echo\":true,\"reply_to\":{{\"mid\":\"{Mid}\",\"is_self_reply\":\"true\"}}}}", sender: Account, recipient: Customer)));
        Assert.Equal(Mid, echoed.ReplyToMessageId);
        Assert.True(echoed.IsSelfReply);
        Assert.Null(Single<MessageReceivedEvent>(Messaging(Item($"\"message\":{{\"mid\":\"m2e\",\"reply_to\":{{\"mid\":\"{Mid}\",\"is_self_reply\":{{\"x\":1}}}}}}"))).IsSelfReply);

        var story = Single<MessageReceivedEvent>(Messaging(Item("\"message\":{\"mid\":\"m3\",\"text\":\"How much is this?\",\"reply_to\":{\"story\":{\"id\":\"18074819347285670\",\"url\":\"https://cdn/story\",\"link_sticker_url\":\"https://shop.example.com/autumn\"}}}")));
        Assert.Null(story.ReplyToMessageId);
        Assert.Null(story.IsSelfReply);
        Assert.Equal(new StoryReply { Id = "18074819347285670", Url = "https://cdn/story", LinkStickerUrl = "https://shop.example.com/autumn" }, story.ReplyToStory);
    }

    [Fact]
    public void A_message_referral_from_an_ad_and_a_shop_product()
    {
        var ad = Single<MessageReceivedEvent>(Messaging(Item("\"message\":{\"mid\":\"m4\",\"text\":\"Hi, I saw your ad\",\"referral\":{\"ref\":\"autumn_sale\",\"ad_id\":\"120210987654321098\",\"source\":\"ADS\",\"type\":\"OPEN_THREAD\",\"ads_context_data\":{\"ad_title\":\"Autumn sale -30%\",\"photo_url\":\"https://scontent.xx.fbcdn.net/ad.jpg\"}}}")));
        Assert.Equal(
            new WebhookReferral { Ref = "autumn_sale", AdId = "120210987654321098", Source = "ADS", Type = "OPEN_THREAD", AdTitle = "Autumn sale -30%", PhotoUrl = "https://scontent.xx.fbcdn.net/ad.jpg" },
            ad.Referral);

        var product = Single<MessageReceivedEvent>(Messaging(Item("\"message\":{\"mid\":\"m5\",\"text\":\"Is this in M?\",\"referral\":{\"product\":{\"id\":\"9876543210\"}}}")));
        Assert.Equal("9876543210", product.Referral!.ProductId);
        Assert.Null(product.Referral.PostId);
        Assert.Null(product.Referral.FlowId);
    }

    // Messenger's ad referral adds post_id, product_id and flow_id (ids as strings or numbers); a video ad has video_url.
    [Fact]
    public void A_message_referral_with_the_fields_messenger_adds()
    {
        var ad = Single<MessageReceivedEvent>(Messaging(Item("\"message\":{\"mid\":\"m5b\",\"text\":\"Hi\",\"referral\":{\"ref\":\"spring\",\"ad_id\":120210987654321099,\"source\":\"ADS\",\"type\":\"OPEN_THREAD\",\"post_id\":\"17841405822304914_1781520000\",\"product_id\":\"24681357\",\"flow_id\":987654321012345,\"ads_context_data\":{\"ad_title\":\"Spring\",\"video_url\":\"https://video.xx.fbcdn.net/ad.mp4\"}}}")));
        Assert.Equal(
            new WebhookReferral
            {
                Ref = "spring", AdId = "120210987654321099", Source = "ADS", Type = "OPEN_THREAD", AdTitle = "Spring",
                VideoUrl = "https://video.xx.fbcdn.net/ad.mp4", PostId = "17841405822304914_1781520000", ProductId = "24681357", FlowId = "987654321012345",
            },
            ad.Referral);

        var standalone = Single<ReferralEvent>(Messaging(Item("\"referral\":{\"ref\":\"r\",\"source\":\"ADS\",\"type\":\"OPEN_THREAD\",\"post_id\":\"p1\",\"flow_id\":\"f1\"}")));
        Assert.Equal("p1", standalone.Referral.PostId);
        Assert.Equal("f1", standalone.Referral.FlowId);
    }

    [Fact]
    public void An_echo_is_its_own_type_with_sender_and_recipient_swapped()
    {
        var echo = Single<MessageEchoEvent>(Messaging(Item($"\"message\":{{\"mid\":\"{Mid}\",\"text\":\"Yes! We ship to Portugal in 2-3 days.\",\"is_echo\":true}}", sender: Account, recipient: Customer)));
        Assert.Equal(Account, echo.SenderId);
        Assert.Equal(Customer, echo.RecipientId);
        Assert.Equal(Customer, echo.CustomerId);
        Assert.Equal("Yes! We ship to Portugal in 2-3 days.", echo.Text);
        Assert.Null(echo.AppId); // the 2025 Instagram capture had neither
        Assert.Null(echo.Metadata);
    }

    // Messenger echoes carry app_id (a string or a JSON number) and metadata; uncertain on Instagram, so kept when present.
    [Theory]
    [InlineData("\"app_id\":1517776481860111", "1517776481860111")]
    [InlineData("\"app_id\":\"1517776481860111\"", "1517776481860111")]
    [InlineData("\"app_id\":null", null)]
    public void An_echo_keeps_its_app_id_and_metadata_when_present(string appId, string? expected)
    {
        var echo = Single<MessageEchoEvent>(Messaging(Item($"\"message\":{{\"is_echo\":true,{appId},\"metadata\":\"order-42 \\u00e9\",\"mid\":\"{Mid}\",\"text\":\"Shipped\"}}", sender: Account, recipient: Customer)));
        Assert.Equal(expected, echo.AppId);
        Assert.Equal("order-42 \u00e9", echo.Metadata);
        Assert.Equal("Shipped", echo.Text);

        // A customer's message with the same keys is still a received message; the keys are echo-only members.
        var received = Single<MessageReceivedEvent>(Messaging(Item($"\"message\":{{{appId},\"metadata\":\"x\",\"mid\":\"{Mid}\",\"text\":\"hi\"}}")));
        Assert.Equal("hi", received.Text);
    }

    [Fact]
    public void Deleted_unsupported_and_self_messages()
    {
        var deleted = Single<MessageDeletedEvent>(Messaging(Item($"\"message\":{{\"mid\":\"{Mid}\",\"is_deleted\":true}}")));
        Assert.Equal(Mid, deleted.MessageId);

        var unsupported = Single<MessageReceivedEvent>(Messaging(Item("\"message\":{\"mid\":\"m6\",\"is_unsupported\":true}")));
        Assert.True(unsupported.IsUnsupported);

        var self = Single<MessageReceivedEvent>(Messaging(Item("\"message\":{\"mid\":\"m7\",\"text\":\"preview\",\"is_self\":true}", sender: Account, recipient: Account)));
        Assert.True(self.IsSelf);
    }

    [Fact]
    public void A_postback_from_an_ice_breaker_with_its_referral()
    {
        var postback = Single<PostbackReceivedEvent>(Messaging(Item("\"postback\":{\"mid\":\"m8\",\"title\":\"What are your opening hours?\",\"payload\":\"ICEBREAKER_HOURS\",\"referral\":{\"ref\":\"store\",\"source\":\"SHORTLINK\",\"type\":\"OPEN_THREAD\"}}")));
        Assert.Equal("m8", postback.MessageId);
        Assert.Equal("What are your opening hours?", postback.Title);
        Assert.Equal("ICEBREAKER_HOURS", postback.Payload);
        Assert.Equal("SHORTLINK", postback.Referral!.Source);
        Assert.False(postback.IsSelf);

        // Self messaging: the account pressed its own button (GREF lists is_self on postbacks).
        var self = Single<PostbackReceivedEvent>(Messaging(Item("\"postback\":{\"is_self\":true,\"mid\":\"m8b\",\"title\":\"Preview\",\"payload\":\"PREVIEW\"}", sender: Account, recipient: Account)));
        Assert.True(self.IsSelf);
        Assert.Equal("PREVIEW", self.Payload);
        Assert.Equal("m8b", self.MessageId);
    }

    [Fact]
    public void Reactions_and_unreactions()
    {
        var react = Single<ReactionEvent>(Messaging(Item($"\"reaction\":{{\"mid\":\"{Mid}\",\"action\":\"react\",\"reaction\":\"love\",\"emoji\":\"\\u2764\\ufe0f\"}}")));
        Assert.Equal(ReactionAction.React, react.Action);
        Assert.Equal("love", react.Reaction);
        Assert.Equal("\u2764\ufe0f", react.Emoji);
        Assert.Equal(Mid, react.MessageId);

        var unreact = Single<ReactionEvent>(Messaging(Item($"\"reaction\":{{\"mid\":\"{Mid}\",\"action\":\"unreact\"}}")));
        Assert.Equal(ReactionAction.Unreact, unreact.Action);
        Assert.Null(unreact.Reaction);
        Assert.Null(unreact.Emoji);
    }

    [Fact]
    public void Reads_name_the_message_and_may_come_without_sender_and_recipient()
    {
        var read = Single<MessageReadEvent>(Messaging(Item($"\"read\":{{\"mid\":\"{Mid}\"}}")));
        Assert.Equal(Mid, read.MessageId);
        Assert.Null(read.Watermark);

        var bare = Single<MessageReadEvent>(Messaging($"{{\"timestamp\":1781520700120,\"read\":{{\"mid\":\"{Mid}\"}}}}"));
        Assert.Null(bare.SenderId);
        Assert.Null(bare.RecipientId);
        Assert.Null(bare.CustomerId);
        Assert.Equal(Mid, bare.MessageId);

        var watermark = Single<MessageReadEvent>(Messaging(Item("\"read\":{\"watermark\":1781520700000}")));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1781520700000), watermark.Watermark);
    }

    [Fact]
    public void Edits_with_their_count_and_the_observed_empty_edit()
    {
        var edit = Single<MessageEditedEvent>(Messaging(Item($"\"message_edit\":{{\"mid\":\"{Mid}\",\"text\":\"Do you ship to Lisbon and Porto?\",\"num_edit\":1}}")));
        Assert.Equal(Mid, edit.MessageId);
        Assert.Equal("Do you ship to Lisbon and Porto?", edit.Text);
        Assert.Equal(1, edit.EditCount);

        var quoted = Single<MessageEditedEvent>(Messaging(Item($"\"message_edit\":{{\"mid\":\"{Mid}\",\"text\":\"x\",\"num_edit\":\"2\"}}")));
        Assert.Equal(2, quoted.EditCount);

        var empty = Single<MessageEditedEvent>(Messaging($"{{\"timestamp\":1781520900511,\"message_edit\":{{\"mid\":\"{Mid}\",\"num_edit\":0}}}}"));
        Assert.Null(empty.Text);
        Assert.Equal(0, empty.EditCount);
        Assert.Null(empty.SenderId);
    }

    [Fact]
    public void A_standalone_referral()
    {
        var referral = Single<ReferralEvent>(Messaging(Item("\"referral\":{\"ref\":\"qr_store_lisbon\",\"source\":\"SHORTLINK\",\"type\":\"OPEN_THREAD\"}")));
        Assert.Equal("qr_store_lisbon", referral.Referral.Ref);
        Assert.Equal("OPEN_THREAD", referral.Referral.Type);
    }

    [Fact]
    public void Handover_events_and_standby_items()
    {
        var pass = Single<ThreadControlEvent>(Messaging(Item("\"pass_thread_control\":{\"previous_owner_app_id\":\"263902037430900\",\"new_owner_app_id\":\"918273645501234\",\"metadata\":\"escalated\"}")));
        Assert.Equal(ThreadControlAction.Pass, pass.Action);
        Assert.Equal("263902037430900", pass.PreviousOwnerAppId);
        Assert.Equal("918273645501234", pass.NewOwnerAppId);
        Assert.Equal("escalated", pass.Metadata);

        var take = Single<ThreadControlEvent>(Messaging(Item("\"take_thread_control\":{\"previous_owner_app_id\":null,\"new_owner_app_id\":\"1\"}")));
        Assert.Equal(ThreadControlAction.Take, take.Action);
        Assert.Null(take.PreviousOwnerAppId);

        var request = Single<ThreadControlEvent>(Messaging(Item("\"request_thread_control\":{\"requested_owner_app_id\":\"7\",\"metadata\":\"please\"}")));
        Assert.Equal("7", request.RequestedOwnerAppId);
        Assert.Null(request.AppRoles);

        // app_roles names no sender; each app id keeps its roles as sent (an escaped key unescaped, a non-string
        // role skipped, a value that is not an array giving no entry).
        var roles = Single<ThreadControlEvent>(Messaging("{\"recipient\":{\"id\":\"" + Account + "\"},\"timestamp\":1781521000000,\"app_roles\":{\"918273645501234\":[\"primary_receiver\"],\"263902037\\u0034\":[\"secondary_receiver\",7,\"x\"],\"1\":\"not a list\"}}"));
        Assert.Equal(ThreadControlAction.AppRoles, roles.Action);
        Assert.Null(roles.SenderId);
        Assert.Equal(Account, roles.RecipientId);
        Assert.Equal(2, roles.AppRoles!.Count);
        Assert.Equal(["primary_receiver"], roles.AppRoles["918273645501234"]);
        Assert.Equal(["secondary_receiver", "x"], roles.AppRoles["2639020374"]);
        Assert.Equal(Single<ThreadControlEvent>(Messaging("{\"recipient\":{\"id\":\"" + Account + "\"},\"timestamp\":1781521000000,\"app_roles\":{\"918273645501234\":[\"primary_receiver\"],\"2639020374\":[\"secondary_receiver\",\"x\"]}}")), roles);
        Assert.NotEqual(roles, roles with { AppRoles = new Dictionary<string, IReadOnlyList<string>> { ["918273645501234"] = ["primary_receiver"] } });

        var standbyBody = $"{{\"object\":\"instagram\",\"entry\":[{{\"time\":1781520016812,\"id\":\"{Account}\",\"standby\":[{Item("\"postback\":{\"mid\":\"m9\",\"title\":\"Hours\"}")}]}}]}}";
        var standby = Single<PostbackReceivedEvent>(standbyBody);
        Assert.True(standby.IsStandby);
        Assert.Null(standby.Payload);
    }

    [Fact]
    public void Unknown_event_kinds_are_kept_with_their_raw_json()
    {
        var item = Item("\"optin\":{\"type\":\"notification_messages\",\"payload\":\"P\",\"title\":\"Caf\\u00e9\"}");
        var unknown = Single<UnknownWebhookEvent>(Messaging(item));
        Assert.Equal("optin", unknown.Kind);
        Assert.Equal(item, unknown.RawJson);
        Assert.Equal(Customer, unknown.SenderId);
    }

    [Fact]
    public void Every_event_of_every_entry_comes_in_delivery_order()
    {
        var body = "{\"object\":\"instagram\",\"entry\":["
            + $"{{\"time\":1,\"id\":\"{Account}\",\"messaging\":[{Item("\"message\":{\"mid\":\"a\",\"text\":\"1\"}")},{Item("\"message\":{\"mid\":\"b\",\"text\":\"2\"}")}]}},"
            + $"{{\"id\":\"{Account}\",\"time\":2,\"messaging\":[{Item("\"reaction\":{\"mid\":\"a\",\"action\":\"react\",\"reaction\":\"like\"}")}]}},"
            // keys in another order: the arrays before the account id
            + $"{{\"messaging\":[{Item("\"read\":{\"mid\":\"b\"}")}],\"standby\":[{Item("\"message\":{\"mid\":\"c\",\"text\":\"3\"}")}],\"id\":\"17841400000000001\",\"time\":3}}"
            + "]}";
        var events = Parse(body).Events;
        Assert.Equal(5, events.Count);
        Assert.Equal(new[] { "a", "b" }, events.Take(2).Cast<MessageReceivedEvent>().Select(e => e.MessageId));
        Assert.IsType<ReactionEvent>(events[2]);
        var read = Assert.IsType<MessageReadEvent>(events[3]);
        Assert.Equal("17841400000000001", read.AccountId);
        var standby = Assert.IsType<MessageReceivedEvent>(events[4]);
        Assert.True(standby.IsStandby);
        Assert.Equal("17841400000000001", standby.AccountId);
    }

    [Fact]
    public void Item_keys_in_any_order_and_timestamps_as_strings()
    {
        var body = Messaging($"{{\"message\":{{\"text\":\"hi\",\"mid\":\"{Mid}\"}},\"timestamp\":\"1781520015307\",\"recipient\":{{\"id\":\"{Account}\"}},\"sender\":{{\"id\":\"{Customer}\"}}}}");
        var message = Single<MessageReceivedEvent>(body);
        Assert.Equal(Customer, message.SenderId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1781520015307), message.Timestamp);
    }

    [Theory]
    [InlineData("1781520015307", 1781520015307)]
    [InlineData("1781520015307.9", 1781520015307)]
    [InlineData("1.781520015307e12", 1781520015307)]
    [InlineData("1781520015", 1781520015000)]
    [InlineData("9999999999999999999", 1781520016812)]
    [InlineData("-1", 1781520016812)]
    public void Timestamps_as_plain_digits_fractions_exponents_or_out_of_range(string timestamp, long expectedMilliseconds)
    {
        // Out of range or negative: the entry's time (1781520016812) stands in.
        var body = Messaging($"{{\"sender\":{{\"id\":\"{Customer}\"}},\"timestamp\":{timestamp},\"message\":{{\"mid\":\"{Mid}\",\"text\":\"hi\"}}}}");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMilliseconds), Single<MessageReceivedEvent>(body).Timestamp);
    }

    [Fact]
    public void Escaped_keys_and_values_read_as_their_text()
    {
        // JSON allows any key or value to be escaped; the fast key and value paths must fall back, not misread.
        var body = Messaging($"{{\"\\u0073ender\":{{\"id\":\"{Customer}\"}},\"\\u0074imestamp\":1781520015307,\"re\\u0061ction\":{{\"m\\u0069d\":\"{Mid}\",\"action\":\"\\u0075nreact\"}}}}");
        var reaction = Single<ReactionEvent>(body);
        Assert.Equal(Customer, reaction.SenderId);
        Assert.Equal(ReactionAction.Unreact, reaction.Action);
        Assert.Equal(Mid, reaction.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1781520015307), reaction.Timestamp);

        var image = Single<MessageReceivedEvent>(Messaging(Item($"\"message\":{{\"mid\":\"{Mid}\",\"attachments\":[{{\"type\":\"\\u0069mage\"}},{{\"type\":\"images\"}}]}}")));
        Assert.Equal(new[] { "image", "images" }, image.Attachments.Select(a => a.Type));

        var other = Parse("{\"\\u006fbject\":\"\\u0069nstagram\",\"entry\":[]}");
        Assert.True(other.IsInstagram);
    }

    [Fact]
    public void A_batch_of_many_items_keeps_every_event_in_order()
    {
        // More events than the parser's first buffer holds, over two entries.
        var first = string.Join(",", Enumerable.Range(0, 37).Select(i => Item($"\"message\":{{\"mid\":\"m{i}\",\"text\":\"{i}\"}}")));
        var second = string.Join(",", Enumerable.Range(37, 30).Select(i => Item($"\"read\":{{\"mid\":\"m{i}\"}}")));
        var body = "{\"object\":\"instagram\",\"entry\":[" + $"{{\"id\":\"{Account}\",\"messaging\":[{first}]}},{{\"id\":\"{Account}\",\"messaging\":[{second}]}}" + "]}";
        var events = Parse(body).Events;
        Assert.Equal(67, events.Count);
        Assert.Equal(Enumerable.Range(0, 37).Select(i => "m" + i), events.Take(37).Cast<MessageReceivedEvent>().Select(e => e.MessageId));
        Assert.Equal(Enumerable.Range(37, 30).Select(i => "m" + i), events.Skip(37).Cast<MessageReadEvent>().Select(e => e.MessageId));
    }

    [Fact]
    public void The_dashboard_test_delivery_is_parsed_and_marked_as_a_test()
    {
        const string body = """{"object":"instagram","entry":[{"id":"0","time":1787422449,"changes":[{"field":"messages","value":{"sender":{"id":"12334"},"recipient":{"id":"23245"},"timestamp":"1527459824","message":{"mid":"random_mid","text":"random_text"}}}]}]}""";
        var message = Single<MessageReceivedEvent>(body);
        Assert.True(message.IsTest);
        Assert.Equal("random_text", message.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1527459824), message.Timestamp); // seconds, by magnitude
    }

    [Fact]
    public void Comments_mentions_and_unknown_changes()
    {
        const string comments = """{"entry": [{"id": "17841405822304914", "time": 1781521100, "changes": [{"value": {"from": {"id": "1281680046167197", "username": "ana.silva"}, "media": {"id": "17921422172564586", "media_product_type": "FEED"}, "id": "17981481173635630", "text": "Love it! Price?"}, "field": "comments"}]}], "object": "instagram"}""";
        var comment = Single<CommentEvent>(comments);
        Assert.Equal("comments", comment.Field);
        Assert.Equal("17981481173635630", comment.CommentId);
        Assert.Equal("Love it! Price?", comment.Text);
        Assert.Equal("1281680046167197", comment.FromId);
        Assert.Equal("ana.silva", comment.FromUsername);
        Assert.Equal("17921422172564586", comment.MediaId);
        Assert.Equal("FEED", comment.MediaProductType);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1781521100), comment.Timestamp); // entry time in seconds
        Assert.Null(comment.ParentId);
        Assert.Null(comment.FromSelfIgScopedId);
        Assert.Null(comment.AdId);
        Assert.Null(comment.AdTitle);
        Assert.Null(comment.OriginalMediaId);

        // A reply on a live broadcast, by a commenter with a self-scoped id, on an ad's media (every §4.17 field).
        const string live = """{"entry": [{"id": "17841405822304914", "time": 1781521200, "changes": [{"value": {"from": {"id": "1281680046167198", "username": "shop", "self_ig_scoped_id": "7241980365028199"}, "media": {"id": "17921422172564587", "media_product_type": "AD", "ad_id": "120210987654321098", "ad_title": "Autumn sale \u002d30%", "original_media_id": "17921422172564500"}, "id": "17981481173635631", "parent_id": "17981481173635630", "text": "Thanks!"}, "field": "live_comments"}]}], "object": "instagram"}""";
        var reply = Single<CommentEvent>(live);
        Assert.Equal("live_comments", reply.Field);
        Assert.Equal("17981481173635631", reply.CommentId);
        Assert.Equal("17981481173635630", reply.ParentId);
        Assert.Equal("1281680046167198", reply.FromId);
        Assert.Equal("shop", reply.FromUsername);
        Assert.Equal("7241980365028199", reply.FromSelfIgScopedId);
        Assert.Equal("17921422172564587", reply.MediaId);
        Assert.Equal("AD", reply.MediaProductType);
        Assert.Equal("120210987654321098", reply.AdId);
        Assert.Equal("Autumn sale -30%", reply.AdTitle);
        Assert.Equal("17921422172564500", reply.OriginalMediaId);
        Assert.NotEqual(comment.DedupeKey, reply.DedupeKey);

        var mention = Single<MentionEvent>("""{"object":"instagram","entry":[{"id":"1","time":1781521100,"changes":[{"field":"mentions","value":{"media_id":"42","comment_id":"43"}}]}]}""");
        Assert.Equal("42", mention.MediaId);
        Assert.Equal("43", mention.CommentId);

        var insights = Single<UnknownWebhookEvent>("""{"object":"instagram","entry":[{"id":"1","time":1781521100,"changes":[{"field":"story_insights","value":{"media_id":"5","exits":1}}]}]}""");
        Assert.Equal("changes/story_insights", insights.Kind);
        Assert.Contains("\"exits\":1", insights.RawJson);
    }

    [Fact]
    public void Other_objects_are_parsed_but_not_instagram()
    {
        var delivery = Parse("{\"object\":\"page\",\"entry\":[]}");
        Assert.False(delivery.IsInstagram);
        Assert.Empty(delivery.Events);
    }

    [Fact]
    public void Unknown_fields_everywhere_are_ignored()
    {
        var body = $"{{\"object\":\"instagram\",\"future\":{{\"a\":[1,2]}},\"entry\":[{{\"id\":\"{Account}\",\"time\":1,\"extra\":true,\"messaging\":[{{\"sender\":{{\"id\":\"{Customer}\",\"x\":1}},\"recipient\":{{\"id\":\"{Account}\"}},\"timestamp\":1781520015307,\"message\":{{\"mid\":\"m\",\"text\":\"t\",\"folder\":\"primary\",\"new_thing\":{{\"deep\":[{{}}]}}}}}}]}}]}}";
        var message = Single<MessageReceivedEvent>(body);
        Assert.Equal("t", message.Text);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(17)]
    public void Attachments_that_are_not_objects_are_skipped_and_the_rest_kept_in_order(int count)
    {
        var attachments = string.Join(",", Enumerable.Range(0, count).Select(i => $"{{\"type\":\"image\",\"payload\":{{\"url\":\"https://cdn/{i}\"}}}},\"x\",[{i}]"));
        var message = Single<MessageReceivedEvent>(Messaging(Item($"\"message\":{{\"mid\":\"{Mid}\",\"attachments\":[7,{attachments}]}}")));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"https://cdn/{i}"), message.Attachments.Select(a => a.Url));
        Assert.Equal(count, message.Attachments.Count);
    }

    [Fact]
    public void Two_items_from_one_customer_share_one_sender_id_string()
    {
        var body = Messaging(Item("\"message\":{\"mid\":\"m1\",\"text\":\"a\"}") + "," + Item("\"message\":{\"mid\":\"m2\",\"text\":\"b\"}"));
        var events = Parse(body).Events;
        Assert.Equal(2, events.Count);
        Assert.Equal(Customer, events[0].SenderId);
        Assert.Same(events[0].SenderId, events[1].SenderId);
        Assert.Same(events[0].AccountId, events[1].RecipientId);
    }

    [Fact]
    public void Alternating_customers_keep_their_own_ids_and_an_escaped_id_equals_its_unescaped_twin()
    {
        const string other = "7241980365028174";
        var escaped = "\\u0037" + Customer[1..];
        var body = Messaging(string.Join(",", new[]
        {
            Item("\"message\":{\"mid\":\"m1\",\"text\":\"a\"}"),
            Item("\"message\":{\"mid\":\"m2\",\"text\":\"a\"}", sender: other),
            Item("\"message\":{\"mid\":\"m3\",\"text\":\"a\"}"),
            Item("\"message\":{\"mid\":\"m4\",\"text\":\"a\"}", sender: escaped),
            Item("\"message\":{\"mid\":\"m5\",\"text\":\"a\"}", sender: escaped),
        }));
        var senders = Parse(body).Events.Select(e => e.SenderId).ToArray();
        Assert.Equal(new[] { Customer, other, Customer, Customer, Customer }, senders);
        Assert.Same(senders[3], senders[4]);
    }

    [Fact]
    public void Values_repeated_inside_a_delivery_share_one_string_and_decode_as_the_first()
    {
        string Tap(int i, string sender)
            => Item($"\"message\":{{\"mid\":\"q{i}\",\"text\":\"Track my order \\u00e9\",\"quick_reply\":{{\"payload\":\"ORDER_STATUS\"}}}}", sender: sender);
        string Button(int i, string sender)
            => Item($"\"postback\":{{\"mid\":\"p{i}\",\"title\":\"What are your opening hours?\",\"payload\":\"ICEBREAKER_HOURS\"}}", sender: sender);
        string Love(int i, string sender)
            => Item($"\"reaction\":{{\"mid\":\"m{i}\",\"action\":\"react\",\"reaction\":\"love\",\"emoji\":\"\\u2764\\ufe0f\"}}", sender: sender);
        var body = Messaging(string.Join(",", Tap(1, "1001"), Button(2, "1002"), Love(3, "1003"), Tap(4, "1004"), Button(5, "1005"), Love(6, "1006")));
        var events = Parse(body).Events;
        var taps = events.OfType<MessageReceivedEvent>().ToArray();
        var buttons = events.OfType<PostbackReceivedEvent>().ToArray();
        var loves = events.OfType<ReactionEvent>().ToArray();
        Assert.Equal("Track my order é", taps[0].Text);
        Assert.Equal("ORDER_STATUS", taps[0].QuickReplyPayload);
        Assert.Same(taps[0].Text, taps[1].Text);
        Assert.Same(taps[0].QuickReplyPayload, taps[1].QuickReplyPayload);
        Assert.Equal("What are your opening hours?", buttons[1].Title);
        Assert.Same(buttons[0].Title, buttons[1].Title);
        Assert.Same(buttons[0].Payload, buttons[1].Payload);
        Assert.Equal("❤️", loves[1].Emoji);
        Assert.Same(loves[0].Emoji, loves[1].Emoji);
        Assert.Same(loves[0].Reaction, loves[1].Reaction);
        Assert.Equal(new[] { "1001", "1002", "1003", "1004", "1005", "1006" }, events.Select(e => e.SenderId));
    }

    [Fact]
    public void Values_alike_at_both_ends_or_more_than_the_table_holds_keep_their_own_text()
    {
        // Same length, same first and last 8 bytes, different middle: the shared-string lookup must compare every byte.
        var payloads = Enumerable.Range(0, 40).Select(i => $"ORDER_ST{i:D4}_PAYLOAD").Concat(new[] { "ORDER_STATUS_A", "ORDER_STATUS_B", "\\u004fRDER_STATUS_A" }).ToArray();
        var body = Messaging(string.Join(",", payloads.Concat(payloads).Select((p, i) => Item($"\"postback\":{{\"mid\":\"p{i}\",\"payload\":\"{p}\"}}"))));
        var expected = payloads.Select(p => p.Replace("\\u004f", "O", StringComparison.Ordinal)).ToArray();
        Assert.Equal(expected.Concat(expected), Parse(body).Events.Cast<PostbackReceivedEvent>().Select(e => e.Payload));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"object\":\"instagram\"}")]
    [InlineData("{\"entry\":[]}")]
    [InlineData("{\"object\":\"instagram\",\"entry\":{}}")]
    [InlineData("{\"object\":\"instagram\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"message\":{\"mid\":\"m\"")]
    [InlineData("{\"object\":\"instagram\",\"entry\":[]} trailing")]
    public void Malformed_bodies_throw_the_format_exception_and_nothing_else(string body)
        => Assert.Throws<InstagramWebhookFormatException>(() => InstagramWebhookParser.Parse(Utf8(body)));

    // An escaped unpaired surrogate is valid JSON (RFC 8259 §8.2: an emoji cut in half): it becomes U+FFFD, and the
    // rest of the signed body, good events included, is read as sent instead of failing the whole delivery.
    [Fact]
    public void An_unpaired_surrogate_escape_becomes_the_replacement_character_and_the_delivery_is_read()
    {
        var body = Messaging(string.Join(",",
            Item($"\"message\":{{\"mid\":\"m1\",\"text\":\"cut \\ud83d\"}}"),
            Item($"\"message\":{{\"mid\":\"m2\",\"text\":\"\\ude0a first, \\ud83d\\ude0a whole, \\ud83d then \\u00e9\\n\\\"q\\\" \\/ \\\\\",\"quick_reply\":{{\"payload\":\"P\\udc00\"}}}}"),
            Item($"\"message\":{{\"mid\":\"m3\",\"text\":\"fine \\ud83d\\ude0a\"}}"),
            Item($"\"postback\":{{\"mid\":\"m4\",\"payload\":\"BUY\\ud83d\",\"title\":\"Caf\u00e9 \\udbff\"}}")));

        var events = Parse(body).Events;

        Assert.Equal(4, events.Count);
        var messages = events.OfType<MessageReceivedEvent>().ToArray();
        Assert.Equal("cut \uFFFD", messages[0].Text);
        Assert.Equal("\uFFFD first, \U0001F60A whole, \uFFFD then \u00e9\n\"q\" / \\", messages[1].Text);
        Assert.Equal("P\uFFFD", messages[1].QuickReplyPayload);
        Assert.Equal("fine \U0001F60A", messages[2].Text);
        var postback = Assert.IsType<PostbackReceivedEvent>(events[3]);
        Assert.Equal(("BUY\uFFFD", "Caf\u00e9 \uFFFD"), (postback.Payload, postback.Title));
    }

    [Fact]
    public void An_unpaired_surrogate_in_an_item_or_message_key_matches_no_key_and_an_unknown_kind_keeps_it_as_U_FFFD()
    {
        var body = Messaging(Item($"\"message\":{{\"mid\":\"m1\",\"te\\ud83dxt\":\"skipped\",\"text\":\"kept\"}}") + "," + Item("\"new_kind\\ud83d\":{\"a\":1}"));

        var events = Parse(body).Events;

        Assert.Equal("kept", Assert.IsType<MessageReceivedEvent>(events[0]).Text);
        Assert.Equal("new_kind\uFFFD", Assert.IsType<UnknownWebhookEvent>(events[1]).Kind);
    }

    [Fact]
    public void Raw_utf8_values_decode_as_sent()
    {
        // Not escaped: ASCII values are widened directly, any other byte goes through the strict UTF-8 decoder.
        var longText = "Ol\u00e1 " + new string('x', 200) + " \U0001F60A";
        var message = Single<MessageReceivedEvent>(Messaging(Item($"\"message\":{{\"mid\":\"m\u00e9\",\"text\":\"{longText}\",\"quick_reply\":{{\"payload\":\"Caf\u00e9\"}}}}")));
        Assert.Equal("m\u00e9", message.MessageId);
        Assert.Equal(longText, message.Text);
        Assert.Equal("Caf\u00e9", message.QuickReplyPayload);
    }

    [Theory]
    [InlineData("mid")]
    [InlineData("text")]
    [InlineData("payload")]
    public void Invalid_utf8_in_a_value_throws_the_format_exception(string field)
    {
        // The byte 0xFF is never valid UTF-8: in a message id (a plain string), a short text (the shared-string table)
        // or a payload, it must fail like any other malformed body.
        var value = field == "text" ? "a#b" : "ok";
        var mid = field == "mid" ? "m#" : "m";
        var payload = field == "payload" ? "P#" : "P";
        var bytes = Utf8(Messaging(Item($"\"message\":{{\"mid\":\"{mid}\",\"text\":\"{value}\",\"quick_reply\":{{\"payload\":\"{payload}\"}}}}")));
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;
        Assert.Throws<InstagramWebhookFormatException>(() => InstagramWebhookParser.Parse(bytes));
    }

    [Fact]
    public void The_entrys_time_reaches_its_events_wherever_the_key_comes()
    {
        // Meta sends id and time before the arrays, but JSON keys come in any order (spec 3): a change, and an item
        // without its own timestamp, take the entry's time even when it comes last.
        var entryTime = DateTimeOffset.FromUnixTimeSeconds(1781521100);
        var comment = Single<CommentEvent>("""{"object": "instagram", "entry": [{"id": "17841405822304914", "changes": [{"value": {"from": {"id": "1281680046167197"}, "media": {"id": "17921422172564586"}, "id": "17981481173635630", "text": "Price?"}, "field": "comments"}], "time": 1781521100}]}""");
        var mention = Single<MentionEvent>("""{"object":"instagram","entry":[{"changes":[{"field":"mentions","value":{"media_id":"42","comment_id":"43"}}],"id":"1","time":1781521100}]}""");
        var read = Single<MessageReadEvent>($$$"""{"object":"instagram","entry":[{"id":"{{{Account}}}","messaging":[{"sender":{"id":"{{{Customer}}}"},"recipient":{"id":"{{{Account}}}"},"read":{"mid":"m"}}],"time":1781520016812}]}""");

        Assert.Equal((entryTime, entryTime), (comment.Timestamp, mention.Timestamp));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1781520016812), read.Timestamp);
        Assert.Equal(Account, read.AccountId);
    }

    [Fact]
    public void Every_truncation_of_a_body_throws_the_format_exception_and_nothing_else()
    {
        // Every event kind's path, escapes, an array read before its entry's id and a change: cut at every byte, each
        // prefix is malformed JSON and must fail with the one exception type, wherever the reader stands.
        var items = string.Join(",",
            Item($"\"message\":{{\"mid\":\"{Mid}\",\"text\":\"Caf\\u00e9 \\ud83d\\ude0a\",\"attachments\":[{{\"type\":\"image\",\"payload\":{{\"url\":\"https://cdn/i\",\"extra\":[1,{{\"a\":null}}]}}}}],\"quick_reply\":{{\"payload\":\"P\"}}}}"),
            Item("\"reaction\":{\"mid\":\"m\",\"action\":\"react\",\"reaction\":\"love\",\"emoji\":\"\\u2764\"}"),
            Item("\"postback\":{\"mid\":\"p\",\"title\":\"T\",\"payload\":\"X\",\"referral\":{\"ref\":\"r\",\"source\":\"ADS\"}}"),
            Item("\"optin\":{\"ref\":\"o\"}"));
        var body = $"{{\"object\":\"instagram\",\"entry\":[{{\"messaging\":[{items}],\"id\":\"{Account}\",\"time\":1781520016812,\"changes\":[{{\"field\":\"mentions\",\"value\":{{\"media_id\":\"1\",\"comment_id\":\"2\"}}}}]}}]}}";
        var bytes = Utf8(body);
        Assert.Equal(5, InstagramWebhookParser.Parse(bytes).Events.Count);
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.Throws<InstagramWebhookFormatException>(() => InstagramWebhookParser.Parse(prefix));
        }
    }

    [Theory]
    [InlineData(59, 1)]
    [InlineData(60, 0)]
    [InlineData(1000, 0)]
    public void Nesting_within_the_readers_depth_is_skipped_and_deeper_nesting_throws_the_format_exception(int depth, int events)
    {
        // An item's fields sit 5 levels deep (root, entry array, entry, messaging array, item): an unknown field of 59
        // nested arrays reaches the reader's limit of 64 levels and is skipped; one more level is malformed for the
        // reader, and fails with the one exception type.
        var nested = new string('[', depth) + new string(']', depth);
        var body = Messaging(Item($"\"message\":{{\"mid\":\"m\",\"text\":\"t\"}},\"future\":{nested}"));
        if (events == 0)
        {
            Assert.Throws<InstagramWebhookFormatException>(() => Parse(body));
        }
        else
        {
            Assert.Equal("t", Assert.IsType<MessageReceivedEvent>(Assert.Single(Parse(body).Events)).Text);
        }
    }
}
