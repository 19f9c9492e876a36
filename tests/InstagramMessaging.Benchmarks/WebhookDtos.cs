using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace InstagramMessaging.Benchmarks.WebhookDtos;

// DTOs for the comparison, as a hand-written receiver would declare them.
public sealed class WebhookDto
{
    [JsonPropertyName("object")] public string? Object { get; set; }
    [JsonPropertyName("entry")] public List<EntryDto>? Entry { get; set; }
}

public sealed class EntryDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("time")] public long Time { get; set; }
    [JsonPropertyName("messaging")] public List<ItemDto>? Messaging { get; set; }
}

public sealed class ItemDto
{
    [JsonPropertyName("sender")] public IdDto? Sender { get; set; }
    [JsonPropertyName("recipient")] public IdDto? Recipient { get; set; }
    [JsonPropertyName("timestamp")] public long Timestamp { get; set; }
    [JsonPropertyName("message")] public MessageDto? Message { get; set; }
    [JsonPropertyName("reaction")] public ReactionDto? Reaction { get; set; }
    [JsonPropertyName("postback")] public PostbackDto? Postback { get; set; }
    [JsonPropertyName("read")] public ReadDto? Read { get; set; }
}

public sealed class IdDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
}

public sealed class MessageDto
{
    [JsonPropertyName("mid")] public string? Mid { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("is_echo")] public bool IsEcho { get; set; }
    [JsonPropertyName("attachments")] public List<AttachmentDto>? Attachments { get; set; }
    [JsonPropertyName("quick_reply")] public QuickReplyDto? QuickReply { get; set; }
    [JsonPropertyName("reply_to")] public ReplyToDto? ReplyTo { get; set; }
}

public sealed class AttachmentDto
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("payload")] public PayloadDto? Payload { get; set; }
}

public sealed class PayloadDto
{
    [JsonPropertyName("url")] public string? Url { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
}

public sealed class QuickReplyDto
{
    [JsonPropertyName("payload")] public string? Payload { get; set; }
}

public sealed class ReplyToDto
{
    [JsonPropertyName("mid")] public string? Mid { get; set; }
}

public sealed class ReactionDto
{
    [JsonPropertyName("mid")] public string? Mid { get; set; }
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("reaction")] public string? Reaction { get; set; }
    [JsonPropertyName("emoji")] public string? Emoji { get; set; }
}

public sealed class PostbackDto
{
    [JsonPropertyName("mid")] public string? Mid { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("payload")] public string? Payload { get; set; }
}

public sealed class ReadDto
{
    [JsonPropertyName("mid")] public string? Mid { get; set; }
}

[JsonSerializable(typeof(WebhookDto))]
public sealed partial class WebhookDtoContext : JsonSerializerContext;
