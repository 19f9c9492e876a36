using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;

namespace InstagramMessaging.Testing;

// message_attachments: uploads from a URL (JSON or form body) or a file (multipart, field filedata), the same
// fields either way, and the attachment ids messages may then send.
internal sealed class UploadHandler
{
    private const long MaxImageBytes = 8L * 1024 * 1024;
    private const long MaxOtherBytes = 25L * 1024 * 1024;
    private readonly ConcurrentDictionary<string, EmulatedUpload> _uploads = new(StringComparer.Ordinal);
    private long _counter;

    public IReadOnlyList<EmulatedUpload> Uploads => _uploads.Values.ToArray();

    public bool Contains(string attachmentId) => _uploads.ContainsKey(attachmentId);

    public void Add(EmulatedUpload upload) => _uploads[upload.AttachmentId] = upload;

    public EmulatedResponse Handle(RequestParameters parameters)
    {
        if (parameters.BodyError is { } bodyError)
        {
            return EmulatorResponses.Error(bodyError);
        }

        var body = parameters.Body;
        if (!SendRequestValidator.IsString(body, "platform", "instagram"))
        {
            return EmulatorResponses.Error(GraphError.InvalidParameter("Uploads for Instagram need platform=instagram."));
        }

        if (Attachment(body) is not { } attachment)
        {
            return EmulatorResponses.Error(GraphError.InvalidParameter("An upload needs message.attachment with a type (image, audio, video or file) and a payload."));
        }

        EmulatedUpload upload;
        if (parameters.File is { } file)
        {
            var limit = attachment.Type == "image" ? MaxImageBytes : MaxOtherBytes;
            if (file.Content.Length > limit)
            {
                return EmulatorResponses.Error(GraphError.InvalidParameter("The attachment is too large.", 2018109));
            }

            if (!SendRequestValidator.ExtensionFits(attachment.Type, file.FileName))
            {
                return EmulatorResponses.Error(GraphError.InvalidParameter($"The file is not a type {attachment.Type} attachments take.", 2018047));
            }

            upload = new EmulatedUpload(NewId(), attachment.Type, null, file.FileName, file.Content.Length);
        }
        else
        {
            if (!attachment.Payload.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String || !SendRequestValidator.IsAbsoluteHttp(url.GetString()!))
            {
                return EmulatorResponses.Error(GraphError.InvalidParameter("An upload needs payload.url (an absolute URL) or a file in the form field filedata.", 2018008));
            }

            if (!SendRequestValidator.ExtensionFits(attachment.Type, url.GetString()!))
            {
                return EmulatorResponses.Error(GraphError.InvalidParameter($"The media is not a type {attachment.Type} attachments take.", 2018047));
            }

            upload = new EmulatedUpload(NewId(), attachment.Type, url.GetString(), null, 0);
        }

        _uploads[upload.AttachmentId] = upload;
        return new EmulatedResponse(200, JsonSerializer.Serialize(new UploadSuccess(upload.AttachmentId), EmulatorJsonContext.Default.UploadSuccess));
    }

    private static (string Type, JsonElement Payload)? Attachment(JsonElement body)
    {
        if (body.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("attachment", out var attachment) && attachment.ValueKind == JsonValueKind.Object
            && attachment.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && SendRequestValidator.IsKnownMediaType(type.GetString()!)
            && attachment.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object)
        {
            return (type.GetString()!, payload);
        }

        return null;
    }

    private string NewId()
        => "att" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture)
            + "_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
}
