using System;
using System.Buffers;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using InstagramMessaging.Rules;

namespace InstagramMessaging.Serialization;

// The request bodies of the client's own operations (everything but a contract's message, which the generated
// WriteTo writes): reactions, the heart, sender actions, one image of the multi-image fallback, uploads and
// profile changes.
internal static class RequestBodies
{
    public static void Reaction(IBufferWriter<byte> body, Recipient recipient, string messageId, string reaction)
    {
        var json = new MessageJsonWriter(body);
        MessageJson.WriteEnvelopeStart(ref json, recipient, null);
        json.WriteRaw("\"sender_action\":\"react\",\"payload\":{\"message_id\":"u8);
        json.WriteString(messageId);
        json.WriteRaw(",\"reaction\":"u8);
        json.WriteString(reaction);
        json.WriteRaw("}}"u8);
        json.Flush();
    }

    public static void Unreaction(IBufferWriter<byte> body, Recipient recipient, string messageId)
    {
        var json = new MessageJsonWriter(body);
        MessageJson.WriteEnvelopeStart(ref json, recipient, null);
        json.WriteRaw("\"sender_action\":\"unreact\",\"payload\":{\"message_id\":"u8);
        json.WriteString(messageId);
        json.WriteRaw("}}"u8);
        json.Flush();
    }

    public static void Heart(IBufferWriter<byte> body, Recipient recipient)
    {
        var json = new MessageJsonWriter(body);
        MessageJson.WriteEnvelopeStart(ref json, recipient, null);
        json.WriteRaw("\"message\":{\"attachment\":{\"type\":\"like_heart\"}}}"u8);
        json.Flush();
    }

    public static void SenderAction(IBufferWriter<byte> body, Recipient recipient, SenderAction action)
    {
        var json = new MessageJsonWriter(body);
        MessageJson.WriteEnvelopeStart(ref json, recipient, null);
        json.WriteRaw(action switch
        {
            InstagramMessaging.SenderAction.TypingOn => "\"sender_action\":\"typing_on\"}"u8,
            InstagramMessaging.SenderAction.TypingOff => "\"sender_action\":\"typing_off\"}"u8,
            InstagramMessaging.SenderAction.MarkSeen => "\"sender_action\":\"mark_seen\"}"u8,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown sender action."),
        });
        json.Flush();
    }

    // One image of a multi-image message sent one per message; only the first part replies.
    public static void SingleImage(IBufferWriter<byte> body, Recipient recipient, SendOptions? options, MediaSource image, string? replyTo)
    {
        var json = new MessageJsonWriter(body);
        MessageJson.WriteEnvelopeStart(ref json, recipient, options);
        json.WriteRaw("\"message\":{\"attachment\":"u8);
        MessageJson.WriteAttachment(ref json, MediaKind.Image, image);
        json.WriteRaw("}"u8);
        if (replyTo is not null)
        {
            json.WriteRaw(",\"reply_to\":{\"mid\":"u8);
            json.WriteString(replyTo);
            json.WriteRaw("}"u8);
        }

        json.WriteRaw("}"u8);
        json.Flush();
    }

    public static void UploadFromUrl(IBufferWriter<byte> body, MediaKind kind, Uri url)
    {
        var json = new MessageJsonWriter(body);
        json.WriteRaw("{\"platform\":\"instagram\",\"message\":{\"attachment\":"u8);
        MessageJson.WriteAttachment(ref json, kind, MediaSource.FromUrl(url), isReusable: true);
        json.WriteRaw("}}"u8);
        json.Flush();
    }

    // multipart/form-data: platform, the message part and the file (filedata).
    public static HttpContent UploadForm(MediaKind kind, byte[] data, string fileName, string? contentType)
    {
        var message = $"{{\"attachment\":{{\"type\":\"{MessageRules.JsonType(kind)}\",\"payload\":{{\"is_reusable\":true}}}}}}";
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/octet-stream");
        return new MultipartFormDataContent
        {
            { new StringContent("instagram"), "platform" },
            { new StringContent(message, Encoding.UTF8, "application/json"), "message" },
            { file, "filedata", fileName },
        };
    }

    public static byte[] DeleteProfileField(string field) => Encoding.UTF8.GetBytes($"{{\"fields\":[\"{field}\"]}}");
}
