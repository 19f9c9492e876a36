using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using InstagramMessaging.Rules;
using InstagramMessaging.Testing;
using Xunit;

namespace InstagramMessaging.Tests;

// Every send kind through the client into the emulator, checking the exact body that went over the wire.
public class SendKindClientTests
{
    private const string Igsid = "1254459154682919";
    private static readonly Recipient User = Recipient.Id(Igsid);

    private static (InstagramMessenger Messenger, GraphApiEmulator Emulator) Create(Action<InstagramMessengerOptions>? configure = null)
    {
        var emulator = new GraphApiEmulator();
        var options = new InstagramMessengerOptions { AccessToken = GraphApiEmulator.DefaultAccessToken };
        configure?.Invoke(options);
        return (new InstagramMessenger(emulator.CreateHttpClient(), options), emulator);
    }

    public static TheoryData<string, Func<IInstagramMessage>> Messages() => new()
    {
        { "image", () => new ImageByUrl(new Uri("https://cdn.example.com/a.jpg")) },
        { "images", () => new Lookbook(new[] { MediaSource.FromUrl("https://cdn.example.com/1.jpg"), MediaSource.FromUrl("https://cdn.example.com/2.png") }) },
        { "audio", () => new VoiceNote(MediaSource.FromUrl("https://cdn.example.com/hello.m4a"), "m_earlier") },
        { "video", () => new Clip(new Uri("https://cdn.example.com/clip.mp4")) },
        { "file", () => new Invoice("https://cdn.example.com/invoice.pdf") },
        { "share", () => new SharePost("17895695668004550") },
        { "quick replies", () => new Poll("Pick one") },
        { "generic", () => new Carousel(new[] { new GenericElement("Hat") { Subtitle = "Warm", Buttons = new Button[] { Button.Postback("Buy", "BUY") } } }) },
        { "button", () => new NextStep("What next?", Button.Url("Visit", "https://shop.example")) },
        { "product", () => new Products(new[] { "p1", "p2" }) },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Every_kind_reaches_the_emulator_as_its_own_json(string kind, Func<IInstagramMessage> create)
    {
        var (messenger, emulator) = Create();
        var message = create();

        var result = await messenger.SendAsync(User, message);

        var delivered = Assert.Single(emulator.Conversation(Igsid));
        Assert.Equal(result.MessageId, delivered.MessageId);
        Assert.True(result.Parts.Count == 1, kind);
        JsonAssert.Equivalent(message.ToJson(User), delivered.Body.GetRawText());
    }

    [Fact]
    public async Task Attachment_ids_from_an_upload_can_be_sent()
    {
        var (messenger, emulator) = Create();
        var id = await messenger.UploadAttachmentAsync(MediaKind.Image, new Uri("https://cdn.example.com/banner.png"));

        await new Lookbook(new MediaSource[] { id, MediaSource.FromUrl("https://cdn.example.com/2.png") }).SendAsync(messenger, User);

        var upload = Assert.Single(emulator.Uploads);
        Assert.Equal((id.Value, "image", "https://cdn.example.com/banner.png"), (upload.AttachmentId, upload.Type, upload.Url));
        JsonAssert.Equivalent(
            """{"platform":"instagram","message":{"attachment":{"type":"image","payload":{"url":"https://cdn.example.com/banner.png","is_reusable":true}}}}""",
            emulator.Requests[0].Body);
        Assert.Equal("/v25.0/me/message_attachments", emulator.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task An_unknown_attachment_id_is_refused_by_the_platform()
    {
        var (messenger, _) = Create();
        var ex = await Assert.ThrowsAsync<InstagramInvalidParameterException>(() => new ImageImmutable(System.Collections.Immutable.ImmutableArray.Create(new AttachmentId("never-uploaded"))).SendAsync(messenger, User));
        Assert.Equal((100, 2018074), (ex.Code, ex.Subcode));
    }

    [Fact]
    public async Task Upload_from_a_stream_is_multipart_with_filedata()
    {
        var (messenger, emulator) = Create();
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);

        var id = await messenger.UploadAttachmentAsync(MediaKind.Video, new MemoryStream(bytes), "clip.mp4", "video/mp4");

        var upload = Assert.Single(emulator.Uploads);
        Assert.Equal((id.Value, "video", "clip.mp4", 300_000L), (upload.AttachmentId, upload.Type, upload.FileName, upload.Size));
        Assert.Equal("multipart/form-data", emulator.Requests.Single().MediaType);
        await new Clip(new Uri("https://cdn.example.com/x.mp4")).SendAsync(messenger, User);
    }

    [Fact]
    public async Task Oversized_or_mistyped_uploads_are_refused_before_any_request()
    {
        var (messenger, emulator) = Create();

        var tooBig = await Assert.ThrowsAsync<InstagramMessageValidationException>(
            () => messenger.UploadAttachmentAsync(MediaKind.Image, new MemoryStream(new byte[(8 * 1024 * 1024) + 1]), "big.png"));
        Assert.Equal("IGM019", Assert.Single(tooBig.Violations).RuleId);

        var mistyped = await Assert.ThrowsAsync<InstagramMessageValidationException>(
            () => messenger.UploadAttachmentAsync(MediaKind.Audio, new MemoryStream(new byte[10]), "song.mp3"));
        Assert.Equal("IGM003", Assert.Single(mistyped.Violations).RuleId);

        var relative = await Assert.ThrowsAsync<InstagramMessageValidationException>(
            () => messenger.UploadAttachmentAsync(MediaKind.Image, new Uri("banner.png", UriKind.Relative)));
        Assert.Equal("IGM005", Assert.Single(relative.Violations).RuleId);

        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task Twenty_five_megabytes_of_video_is_the_limit()
    {
        var (messenger, _) = Create();
        await messenger.UploadAttachmentAsync(MediaKind.Video, new MemoryStream(new byte[25 * 1024 * 1024]), "limit.mp4");
        await Assert.ThrowsAsync<InstagramMessageValidationException>(
            () => messenger.UploadAttachmentAsync(MediaKind.Video, new MemoryStream(new byte[(25 * 1024 * 1024) + 1]), "over.mp4"));
    }

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

    [Fact]
    public async Task Private_replies_go_to_the_comment()
    {
        var (messenger, emulator) = Create();
        await new TextMessage("Thanks for your comment!").SendAsync(messenger, Recipient.Comment("17900000000000001"));
        Assert.Equal("Thanks for your comment!", Assert.Single(emulator.Conversation("17900000000000001")).Text);
    }

    [Fact]
    public async Task Multi_image_gate_raises_a_typed_error_by_default()
    {
        var (messenger, emulator) = Create();
        emulator.MultiImageAvailable = false;

        var ex = await Assert.ThrowsAsync<InstagramFeatureUnavailableException>(() => new Lookbook(TwoImages()).SendAsync(messenger, User));

        Assert.Equal((2, 2534068, true, "IGApiException"), (ex.Code, ex.Subcode, ex.IsTransient, ex.ErrorType));
        Assert.Equal("The requested feature isn't available yet. Please check back later.", ex.ApiMessage);
        Assert.Empty(emulator.DeliveredMessages);
    }

    [Fact]
    public async Task Multi_image_gate_falls_back_to_one_image_per_message_by_option()
    {
        var (messenger, emulator) = Create(o => o.SendImagesSeparatelyWhenMultiImageUnavailable = true);
        emulator.MultiImageAvailable = false;

        var result = await new FrontAndBack(new Uri("https://cdn.example.com/front.jpg"), Back: null).SendAsync(messenger, User);
        Assert.Single(result.Parts);

        var split = await messenger.SendAsync(User, new Lookbook(TwoImages()), SendOptions.Response);

        Assert.Equal(2, split.Parts.Count);
        Assert.Equal(split.MessageId, split.Parts[0].MessageId);
        var delivered = emulator.Conversation(Igsid).Skip(1).ToArray();
        Assert.Equal(split.Parts.Select(p => p.MessageId), delivered.Select(d => d.MessageId));
        JsonAssert.Equivalent(
            """{"recipient":{"id":"1254459154682919"},"messaging_type":"RESPONSE","message":{"attachment":{"type":"image","payload":{"url":"https://cdn.example.com/1.jpg"}}}}""",
            delivered[0].Body.GetRawText());
        JsonAssert.Equivalent(
            """{"recipient":{"id":"1254459154682919"},"messaging_type":"RESPONSE","message":{"attachment":{"type":"image","payload":{"url":"https://cdn.example.com/2.png"}}}}""",
            delivered[1].Body.GetRawText());
    }

    [Fact]
    public async Task Fallback_keeps_reply_to_on_the_first_image_only()
    {
        var (messenger, emulator) = Create(o => o.SendImagesSeparatelyWhenMultiImageUnavailable = true);
        emulator.MultiImageAvailable = false;
        emulator.AddAttachment("att-1");

        await new ThreadedImages(new MediaSource[] { new AttachmentId("att-1"), MediaSource.FromUrl("https://cdn.example.com/2.png") }, "m_question").SendAsync(messenger, User);

        Assert.Equal(new[] { "m_question", null }, emulator.Conversation(Igsid).Select(m => m.ReplyToMessageId).ToArray());
    }

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

    // Values the analyzers cannot see, so the run-time checks are what the tests exercise.
    private static string AtRunTime(string value) => value;

    private static MediaSource[] TwoImages() => new[] { MediaSource.FromUrl("https://cdn.example.com/1.jpg"), MediaSource.FromUrl("https://cdn.example.com/2.png") };
}
