using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using InstagramMessaging.Rules;
using InstagramMessaging.Testing;
using Xunit;
using static InstagramMessaging.Tests.EmulatedMessenger;

namespace InstagramMessaging.Tests;

// InstagramMessenger.SendAsync for every contract kind, through the client into the emulator, checking the exact body
// that went over the wire (and the multi-image gate and its fallback).
public class SendAsyncKindsTests
{
    private const string Igsid = "1254459154682919";
    private static readonly Recipient User = Recipient.Id(Igsid);

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
    public async Task Private_replies_go_to_the_comment()
    {
        var (messenger, emulator) = Create();
        var sent = await new TextMessage("Thanks for your comment!").SendAsync(messenger, Recipient.Comment("17900000000000001"));

        // Meta answers with the commenter's IGSID (the emulator makes one for a comment it did not see), and the reply
        // is in that conversation.
        Assert.NotEqual("17900000000000001", sent.RecipientId);
        Assert.Matches("^[0-9]{15,17}$", sent.RecipientId);
        Assert.Equal("Thanks for your comment!", Assert.Single(emulator.Conversation(sent.RecipientId!)).Text);
    }

    [Fact]
    public async Task A_second_private_reply_to_a_comment_is_a_typed_invalid_parameter_error_naming_2534025()
    {
        var (messenger, emulator) = Create();
        var comment = await emulator.User(Igsid).CommentAsync("Love it! Price?");

        var first = await new TextMessage("Thanks! It is 49 EUR.").SendAsync(messenger, Recipient.Comment(comment.MessageId));
        var ex = await Assert.ThrowsAsync<InstagramInvalidParameterException>(() => new TextMessage("Anything else?").SendAsync(messenger, Recipient.Comment(comment.MessageId)));

        Assert.Equal(Igsid, first.RecipientId);
        Assert.Equal((100, 2534025, false), (ex.Code, ex.Subcode, ex.IsTransient));
        Assert.Contains("subcode 2534025", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("(#100) The comment is not valid for a private reply", ex.ApiMessage, StringComparison.Ordinal);
        Assert.Equal(first.MessageId, Assert.Single(emulator.Conversation(Igsid)).MessageId);
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

    // Values the analyzers cannot see, so the run-time checks are what the tests exercise.
    private static MediaSource[] TwoImages() => new[] { MediaSource.FromUrl("https://cdn.example.com/1.jpg"), MediaSource.FromUrl("https://cdn.example.com/2.png") };
}
