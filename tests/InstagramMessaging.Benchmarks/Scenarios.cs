using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace InstagramMessaging.Benchmarks;

[InstagramMessage]
public partial record TextMessage([property: MessageText] string Text);

[InstagramMessage]
public partial record Gallery([property: ImageAttachment] IReadOnlyList<MediaSource> Images);

[InstagramMessage]
public partial record Carousel([property: GenericTemplate] IReadOnlyList<GenericElement> Cards);

// The same bodies as plain DTOs, for System.Text.Json.
public sealed class Body
{
    [JsonPropertyName("recipient")] public RecipientDto Recipient { get; set; } = new();
    [JsonPropertyName("message")] public MessageDto Message { get; set; } = new();
}

public sealed class RecipientDto
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
}

public sealed class MessageDto
{
    [JsonPropertyName("text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Text { get; set; }
    [JsonPropertyName("attachment"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AttachmentDto? Attachment { get; set; }
    [JsonPropertyName("attachments"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<AttachmentDto>? Attachments { get; set; }
}

public sealed class AttachmentDto
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("payload")] public PayloadDto Payload { get; set; } = new();
}

public sealed class PayloadDto
{
    [JsonPropertyName("url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Url { get; set; }
    [JsonPropertyName("template_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TemplateType { get; set; }
    [JsonPropertyName("elements"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<ElementDto>? Elements { get; set; }
}

public sealed class ElementDto
{
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("subtitle"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Subtitle { get; set; }
    [JsonPropertyName("image_url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ImageUrl { get; set; }
    [JsonPropertyName("buttons"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<ButtonDto>? Buttons { get; set; }
}

public sealed class ButtonDto
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Url { get; set; }
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("payload"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Payload { get; set; }
}

[JsonSerializable(typeof(Body))]
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization)]
public sealed partial class BodyContext : JsonSerializerContext
{
}

/// <summary>One message in three forms: generated contract, DTO for System.Text.Json, expected JSON.</summary>
public sealed record Scenario(string Name, IInstagramMessage Contract, Body Dto)
{
    public static readonly Recipient Recipient = InstagramMessaging.Recipient.Id("1254459154682919");

    public static IReadOnlyList<Scenario> All { get; } = new[]
    {
        Text("text", "Your order #1042 is on its way! Track it at https://shop.example/track/1042"),
        Text("text that needs escaping", "Crème brûlée & \"quotes\" <b>bold</b> 🎉 l'été"),
        TenImages(),
        GenericTemplate(),
    };

    private static Scenario Text(string name, string text)
        => new(name, new TextMessage(text), new Body { Recipient = { Id = Recipient.Value }, Message = { Text = text } });

    private static Scenario TenImages()
    {
        var urls = Enumerable.Range(1, 10).Select(i => $"https://cdn.example.com/lookbook/2026/look-{i}.jpg").ToArray();
        return new("10 images", new Gallery(urls.Select(MediaSource.FromUrl).ToArray()), new Body
        {
            Recipient = { Id = Recipient.Value },
            Message = { Attachments = urls.Select(u => new AttachmentDto { Type = "image", Payload = { Url = u } }).ToList() },
        });
    }

    private static Scenario GenericTemplate()
    {
        var cards = Enumerable.Range(1, 3).Select(i => (Title: $"Wool beanie {i}", Subtitle: "Three colours, one size", Image: $"https://cdn.example.com/beanie-{i}.jpg", Url: $"https://shop.example/beanie-{i}")).ToArray();
        return new("generic template, 3 elements", new Carousel(cards.Select(c => new GenericElement(c.Title)
        {
            Subtitle = c.Subtitle,
            ImageUrl = c.Image,
            Buttons = new Button[] { Button.Url("View", c.Url), Button.Postback("Buy", "BUY") },
        }).ToArray()), new Body
        {
            Recipient = { Id = Recipient.Value },
            Message =
            {
                Attachment = new AttachmentDto
                {
                    Type = "template",
                    Payload =
                    {
                        TemplateType = "generic",
                        Elements = cards.Select(c => new ElementDto
                        {
                            Title = c.Title,
                            Subtitle = c.Subtitle,
                            ImageUrl = c.Image,
                            Buttons = new() { new ButtonDto { Type = "web_url", Url = c.Url, Title = "View" }, new ButtonDto { Type = "postback", Title = "Buy", Payload = "BUY" } },
                        }).ToList(),
                    },
                },
            },
        });
    }
}
