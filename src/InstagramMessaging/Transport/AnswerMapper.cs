using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using InstagramMessaging.Serialization;

namespace InstagramMessaging.Transport;

// Step: mapping the answer. The usual success is read straight from the bytes; Meta's error envelope becomes the
// matching exception (GraphErrors), with its texts redacted; anything else is an answer whose outcome is unknown.
internal sealed class AnswerMapper(Redactor redactor)
{
    // `recipientId`: the id the call was sent to, if any; an answer naming the same id reuses that string.
    public GraphResponse Map(HttpResponseMessage response, ReadOnlySpan<byte> body, string? recipientId = null)
    {
        var status = response.StatusCode;
        if ((int)status is >= 200 and < 300 && GraphResponse.TryReadSendResult(body, recipientId) is { } success)
        {
            return success;
        }

        GraphResponse? parsed = null;
        JsonException? parseError = null;
        try
        {
            parsed = JsonSerializer.Deserialize(body, GraphJsonContext.Default.GraphResponse);
        }
        catch (JsonException ex)
        {
            parseError = ex;
        }

        // Meta sends its error envelope with 400, 403, 5xx and, now and then, 200: the body decides.
        if (parsed?.Error is { } error)
        {
            var message = redactor.Redact(error.Message) ?? "The Graph API returned an error without a message.";
            var usage = response.Headers.TryGetValues("X-Business-Use-Case-Usage", out var values) ? string.Join(",", values) : null;
            throw GraphErrors.Create(error, message, status, usage, redactor.Redact);
        }

        if ((int)status is >= 200 and < 300 && parsed is not null)
        {
            return parsed;
        }

        // Meta's own answers carry its envelope. A success without Graph JSON, or a 5xx without the envelope (a
        // gateway that lost the backend's answer), came after the request went through: it may have taken effect.
        if ((int)status is (>= 200 and < 300) or >= 500)
        {
            var what = (int)status < 300 ? "an answer that is not Graph API JSON" : "no Graph API error envelope (from a gateway or proxy?)";
            throw new InstagramOutcomeUnknownException($"The Graph API answered HTTP {(int)status} with {what}; the message may have been delivered.", 0, null, status, innerException: parseError);
        }

        throw new InstagramApiException($"The Graph API answered HTTP {(int)status} with no Graph API error envelope.", 0, null, false, null, null, status, innerException: parseError);
    }

    public static SendResult ToSendResult(GraphResponse response)
        => response.RecipientId is { } recipientId
            ? new SendResult(recipientId, response.MessageId, response.AttachmentId is { Length: > 0 } id ? new AttachmentId(id) : null)
            : throw new InstagramApiException("The Graph API answered without a recipient_id; the message may have been sent.", 0, null, false, null, null, HttpStatusCode.OK);

    public static AttachmentId ToAttachmentId(GraphResponse response)
        => response.AttachmentId is { Length: > 0 } id
            ? new AttachmentId(id)
            : throw new InstagramApiException("The Graph API answered the upload without an attachment_id.", 0, null, false, null, null, HttpStatusCode.OK);
}
