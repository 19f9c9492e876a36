using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Xunit;

namespace InstagramMessaging.Tests;

// Each expected body is Meta's documented example (shared/spec/instagram-send-api.md), with its placeholders filled.
public class AttachmentAndTemplateSerializationTests
{
    private static readonly Recipient User = Recipient.Id("<IGSID>");

    [Fact]
    public void Single_image_by_url() => JsonAssert.Equivalent(
        """{ "recipient":{"id":"<IGSID>"}, "message":{"attachment":{"type":"image","payload":{"url":"https://cdn.example.com/a.jpg"}}} }""",
        new ImageByUrl(new Uri("https://cdn.example.com/a.jpg")).ToJson(User));

    [Fact]
    public void Several_images_mix_urls_and_attachment_ids() => JsonAssert.Equivalent(
        """
        { "recipient":{"id":"<IGSID>"},
          "message":{"attachments":[
             {"type":"image","payload":{"url":"https://cdn.example.com/1.jpg"}},
             {"type":"image","payload":{"attachment_id":"1234567890"}}
          ]} }
        """,
        new Lookbook(new[] { MediaSource.FromUrl("https://cdn.example.com/1.jpg"), new AttachmentId("1234567890") }).ToJson(User));

    [Fact]
    public void One_image_in_a_collection_travels_as_attachment() => JsonAssert.Equivalent(
        """{ "recipient":{"id":"<IGSID>"}, "message":{"attachment":{"type":"image","payload":{"url":"https://cdn.example.com/1.png"}}} }""",
        new ImageArray(new[] { "https://cdn.example.com/1.png" }).ToJson(User));

    [Fact]
    public void Image_collections_of_every_shape_serialize()
    {
        JsonAssert.Equivalent(
            """{"recipient":{"id":"<IGSID>"},"message":{"attachments":[{"type":"image","payload":{"attachment_id":"1"}},{"type":"image","payload":{"attachment_id":"2"}}]}}""",
            new ImageImmutable(ImmutableArray.Create(new AttachmentId("1"), new AttachmentId("2"))).ToJson(User));
        JsonAssert.Equivalent(
            """{"recipient":{"id":"<IGSID>"},"message":{"attachments":[{"type":"image","payload":{"url":"https://a.example/f.jpg"}},{"type":"image","payload":{"attachment_id":"9"}}]}}""",
            new FrontAndBack(new Uri("https://a.example/f.jpg"), new AttachmentId("9")).ToJson(User));
        JsonAssert.Equivalent(
            """{"recipient":{"id":"<IGSID>"},"message":{"attachment":{"type":"image","payload":{"url":"https://a.example/f.jpg"}}}}""",
            new FrontAndBack(new Uri("https://a.example/f.jpg")).ToJson(User));
    }

    [Fact]
    public void Audio_video_and_file_by_url_or_id()
    {
        JsonAssert.Equivalent(
            """{ "recipient":{"id":"<IGSID>"}, "message":{"attachment":{"type":"video","payload":{"url":"https://cdn.example.com/clip.mp4"}}} }""",
            new Clip(new Uri("https://cdn.example.com/clip.mp4")).ToJson(User));
        JsonAssert.Equivalent(
            """{ "recipient":{"id":"<IGSID>"}, "message":{"attachment":{"type":"audio","payload":{"attachment_id":"555"}}}, "reply_to":{"mid":"m_1"} }""",
            new VoiceNote(new AttachmentId("555"), "m_1").ToJson(User));
        JsonAssert.Equivalent(
            """{ "recipient":{"id":"<IGSID>"}, "message":{"attachment":{"type":"file","payload":{"url":"https://cdn.example.com/invoice.pdf"}}} }""",
            new Invoice("https://cdn.example.com/invoice.pdf").ToJson(User));
    }

    [Fact]
    public void Media_share() => JsonAssert.Equivalent(
        """{ "recipient":{"id":"<IGSID>"}, "message":{"attachment":{"type":"MEDIA_SHARE","payload":{"id":"<IG_MEDIA_ID>"}}} }""",
        new SharePost("<IG_MEDIA_ID>").ToJson(User));

    [Fact]
    public void Quick_replies_from_attributes() => JsonAssert.Equivalent(
        """
        { "recipient":{"id":"<IGSID>"}, "messaging_type":"RESPONSE",
          "message":{"text":"Pick one",
            "quick_replies":[{"content_type":"text","title":"Yes","payload":"Q_YES"},
                             {"content_type":"text","title":"No","payload":"Q_NO"}]}}
        """,
        new Poll("Pick one").ToJson(User, SendOptions.Response));

    [Fact]
    public void Quick_replies_from_a_member() => JsonAssert.Equivalent(
        """
        { "recipient":{"id":"<IGSID>"},
          "message":{"text":"Pick one",
            "quick_replies":[{"content_type":"text","title":"Yes","payload":"Q_YES"},
                             {"content_type":"text","title":"No","payload":"Q_NO"}]}}
        """,
        new DynamicPoll("Pick one", new[] { new QuickReply("Yes", "Q_YES"), new QuickReply("No", "Q_NO") }).ToJson(User));

    [Fact]
    public void No_quick_replies_key_when_the_list_is_empty() => JsonAssert.Equivalent(
        """{ "recipient":{"id":"<IGSID>"}, "message":{"text":"Pick one"} }""",
        new DynamicPoll("Pick one", Array.Empty<QuickReply>()).ToJson(User));

    [Fact]
    public void Generic_template() => JsonAssert.Equivalent(
        """
        { "recipient":{"id":"<IGSID>"},
          "message":{"attachment":{"type":"template","payload":{
            "template_type":"generic",
            "elements":[{
              "title":"Welcome!", "subtitle":"Hats for everyone", "image_url":"https://shop.example/h.jpg",
              "default_action":{"type":"web_url","url":"https://shop.example"},
              "buttons":[
                {"type":"web_url","url":"https://shop.example","title":"View"},
                {"type":"postback","title":"Start chatting","payload":"START"} ]}]}}}}
        """,
        new Carousel(new[]
        {
            new GenericElement("Welcome!")
            {
                Subtitle = "Hats for everyone",
                ImageUrl = "https://shop.example/h.jpg",
                DefaultActionUrl = "https://shop.example",
                Buttons = new Button[] { Button.Url("View", "https://shop.example"), Button.Postback("Start chatting", "START") },
            },
        }).ToJson(User));

    [Fact]
    public void Button_template() => JsonAssert.Equivalent(
        """
        { "recipient":{"id":"<IGSID>"},
          "message":{"attachment":{"type":"template","payload":{
          "template_type":"button", "text":"What next?",
          "buttons":[{"type":"web_url","url":"https://shop.example/visit","title":"Visit"},
                     {"type":"postback","title":"Talk to us","payload":"TALK"}]}}}}
        """,
        new NextStep("What next?", Button.Url("Visit", new Uri("https://shop.example/visit")), new Button[] { Button.Postback("Talk to us", "TALK") }).ToJson(User));

    [Fact]
    public void Product_template() => JsonAssert.Equivalent(
        """
        { "recipient":{"id":"<IGSID>"},
          "message":{"attachment":{"type":"template","payload":{
            "template_type":"product","elements":[{"id":"<PRODUCT_ID>"},{"id":"<PRODUCT_ID_2>"}]}}}}
        """,
        new Products(new[] { "<PRODUCT_ID>", "<PRODUCT_ID_2>" }).ToJson(User));

    [Fact]
    public void Private_reply_with_an_attachment() => JsonAssert.Equivalent(
        """{ "recipient":{"comment_id":"<COMMENT_ID>"}, "message":{"attachment":{"type":"image","payload":{"url":"https://cdn.example.com/a.gif"}}} }""",
        new ImageByUrl(new Uri("https://cdn.example.com/a.gif")).ToJson(Recipient.Comment("<COMMENT_ID>")));
}
