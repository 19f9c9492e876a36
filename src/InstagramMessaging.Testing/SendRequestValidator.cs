using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace InstagramMessaging.Testing;

/// <summary>
/// Checks a send body the way the platform does. Written from the platform facts alone, apart from the
/// library's generator and rules table (it does not even reference them), so it catches the library's own
/// mistakes.
/// </summary>
internal sealed class SendRequestValidator
{
    private const int MaxTextBytes = 1000;
    private const int MaxImages = 10;
    private const int MaxQuickReplies = 13;
    private const int MaxElements = 10;
    private const int MaxElementText = 80;
    private const int MaxButtons = 3;
    private const int MaxButtonText = 640;

    private static readonly HashSet<string> s_topLevelKeys = new(StringComparer.Ordinal)
    {
        "recipient", "messaging_type", "tag", "message", "sender_action", "payload", "reply_to",
    };

    private static readonly Dictionary<string, string[]> s_mediaTypes = new(StringComparer.Ordinal)
    {
        ["image"] = new[] { "png", "jpg", "jpeg", "gif" },
        ["audio"] = new[] { "aac", "m4a", "wav", "mp4" },
        ["video"] = new[] { "mp4", "ogg", "avi", "mov", "webm" },
        ["file"] = Array.Empty<string>(),
    };

    private readonly Func<string, bool> _isKnownAttachment;
    private readonly bool _multiImageAvailable;

    public SendRequestValidator(Func<string, bool> isKnownAttachment, bool multiImageAvailable)
    {
        _isKnownAttachment = isKnownAttachment;
        _multiImageAvailable = multiImageAvailable;
    }

    /// <summary>The media types the platform takes for an attachment type; empty means any.</summary>
    public static bool IsKnownMediaType(string type) => s_mediaTypes.ContainsKey(type);

    /// <summary>Whether a URL's path extension is one <paramref name="type"/> takes (no extension: not judged).</summary>
    public static bool ExtensionFits(string type, string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        var types = s_mediaTypes[type];
        return dot < 0 || types.Length == 0 || types.Contains(name[(dot + 1)..].ToLowerInvariant());
    }

    /// <summary>Returns the error Meta would answer, or null when the body is a valid send.</summary>
    public GraphError? Validate(JsonElement body, out string recipientId, out string? senderAction)
    {
        recipientId = string.Empty;
        senderAction = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return GraphError.InvalidParameter("The request body must be a JSON object.");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (!s_topLevelKeys.Contains(property.Name))
            {
                return GraphError.InvalidParameter($"Param {property.Name} is not a valid parameter.");
            }
        }

        if ((ValidateRecipient(body, out recipientId) ?? ValidateMessagingType(body)) is { } envelopeError)
        {
            return envelopeError;
        }

        var hasMessage = body.TryGetProperty("message", out var message);
        var hasAction = body.TryGetProperty("sender_action", out var action);
        if (hasMessage && hasAction)
        {
            return GraphError.InvalidParameter("Message and sender action cannot be sent in the same request.", 2018014);
        }

        if (hasAction)
        {
            senderAction = action.ValueKind == JsonValueKind.String ? action.GetString() : null;
            return ValidateSenderAction(body, senderAction);
        }

        if (body.TryGetProperty("payload", out _))
        {
            return GraphError.InvalidParameter("Param payload is only valid with sender_action react or unreact.");
        }

        if (!hasMessage)
        {
            return GraphError.InvalidParameter("The parameter message is required.");
        }

        if (ValidateMessage(message) is { } messageError)
        {
            return messageError;
        }

        if (body.TryGetProperty("reply_to", out var replyTo) && (replyTo.ValueKind != JsonValueKind.Object || !IsNonEmptyString(replyTo, "mid")))
        {
            return GraphError.InvalidParameter("Param reply_to must be an object with a non-empty mid.");
        }

        return null;
    }

    private static GraphError? ValidateRecipient(JsonElement body, out string recipientId)
    {
        recipientId = string.Empty;
        if (!body.TryGetProperty("recipient", out var recipient))
        {
            return GraphError.InvalidParameter("The parameter recipient is required.");
        }

        if (recipient.ValueKind != JsonValueKind.Object)
        {
            return GraphError.InvalidParameter("Param recipient must be a JSON object, such as {\"id\":\"<IGSID>\"}.");
        }

        var count = 0;
        foreach (var property in recipient.EnumerateObject())
        {
            count++;
            if (property.Name is not ("id" or "comment_id") || property.Value.ValueKind != JsonValueKind.String || property.Value.GetString()!.Length == 0)
            {
                return GraphError.InvalidParameter("Param recipient must hold one non-empty id or comment_id.");
            }

            recipientId = property.Value.GetString()!;
        }

        return count == 1 ? null : GraphError.InvalidParameter("Param recipient must hold exactly one of id and comment_id.");
    }

    private static GraphError? ValidateMessagingType(JsonElement body)
    {
        var hasType = body.TryGetProperty("messaging_type", out var type);
        var hasTag = body.TryGetProperty("tag", out var tag);
        var typeName = hasType && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        if (!hasType && !hasTag)
        {
            return null;
        }

        if (typeName is "RESPONSE" or "UPDATE" && !hasTag)
        {
            return null;
        }

        if (typeName == "MESSAGE_TAG")
        {
            return hasTag && tag.ValueKind == JsonValueKind.String && tag.GetString() == "HUMAN_AGENT"
                ? null
                : GraphError.InvalidParameter("MESSAGE_TAG needs tag HUMAN_AGENT; other tags are not available on Instagram.");
        }

        return GraphError.InvalidParameter(hasTag
            ? "Param tag needs messaging_type MESSAGE_TAG."
            : "Param messaging_type must be RESPONSE, UPDATE or MESSAGE_TAG.");
    }

    private static GraphError? ValidateSenderAction(JsonElement body, string? action)
    {
        var hasPayload = body.TryGetProperty("payload", out var payload);
        switch (action)
        {
            case "typing_on" or "typing_off" or "mark_seen":
                return hasPayload ? GraphError.InvalidParameter($"Param payload is not valid with sender_action {action}.") : null;
            case "react":
                return hasPayload && payload.ValueKind == JsonValueKind.Object && IsNonEmptyString(payload, "message_id") && IsNonEmptyString(payload, "reaction")
                    ? null
                    : GraphError.InvalidParameter("sender_action react needs payload with message_id and reaction.");
            case "unreact":
                return hasPayload && payload.ValueKind == JsonValueKind.Object && IsNonEmptyString(payload, "message_id") && !payload.TryGetProperty("reaction", out _)
                    ? null
                    : GraphError.InvalidParameter("sender_action unreact needs payload with message_id only.");
            default:
                return GraphError.InvalidParameter("Param sender_action must be one of typing_on, typing_off, mark_seen, react, unreact.");
        }
    }

    private GraphError? ValidateMessage(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return GraphError.InvalidParameter("Param message must be a JSON object.");
        }

        var keys = message.EnumerateObject().Select(p => p.Name).ToArray();
        if (keys.FirstOrDefault(k => k is not ("text" or "quick_replies" or "attachment" or "attachments")) is { } unknown)
        {
            return GraphError.InvalidParameter($"Param message[{unknown}] is not a valid parameter.");
        }

        var contentKeys = keys.Count(k => k is "text" or "attachment" or "attachments");
        if (contentKeys == 0)
        {
            return GraphError.InvalidParameter("Param message must be non-empty.");
        }

        if (contentKeys > 1)
        {
            return GraphError.InvalidParameter("Param message must hold exactly one of text, attachment and attachments.", 2534015);
        }

        if (message.TryGetProperty("text", out var text))
        {
            return ValidateText(text) ?? (message.TryGetProperty("quick_replies", out var replies) ? ValidateQuickReplies(replies) : null);
        }

        if (message.TryGetProperty("quick_replies", out _))
        {
            return GraphError.InvalidParameter("Param message[quick_replies] is only valid with text.", 2534015);
        }

        return message.TryGetProperty("attachment", out var attachment)
            ? ValidateAttachment(attachment, "message[attachment]")
            : ValidateAttachments(message.GetProperty("attachments"));
    }

    private static GraphError? ValidateText(JsonElement text)
    {
        if (text.ValueKind != JsonValueKind.String || text.GetString()!.Length == 0)
        {
            return GraphError.InvalidParameter("Param message[text] must be a non-empty UTF-8 string.");
        }

        var bytes = Encoding.UTF8.GetByteCount(text.GetString()!);
        return bytes > MaxTextBytes
            ? GraphError.InvalidParameter($"Param message[text] is {bytes} bytes; it must be at most {MaxTextBytes} bytes of UTF-8.")
            : null;
    }

    private static GraphError? ValidateQuickReplies(JsonElement replies)
    {
        if (replies.ValueKind != JsonValueKind.Array || replies.GetArrayLength() is 0 or > MaxQuickReplies)
        {
            return GraphError.InvalidParameter($"Param message[quick_replies] must be an array of 1 to {MaxQuickReplies} quick replies.");
        }

        foreach (var reply in replies.EnumerateArray())
        {
            if (reply.ValueKind != JsonValueKind.Object || !IsString(reply, "content_type", "text") || !IsNonEmptyString(reply, "title") || !IsNonEmptyString(reply, "payload"))
            {
                return GraphError.InvalidParameter("Each quick reply needs content_type text, a title and a payload.");
            }
        }

        return null;
    }

    private GraphError? ValidateAttachments(JsonElement attachments)
    {
        if (attachments.ValueKind != JsonValueKind.Array || attachments.GetArrayLength() is 0 or > MaxImages)
        {
            return GraphError.InvalidParameter($"Param message[attachments] must be an array of 1 to {MaxImages} images.");
        }

        var index = 0;
        foreach (var attachment in attachments.EnumerateArray())
        {
            if (!IsString(attachment, "type", "image"))
            {
                return GraphError.InvalidParameter("Only images can be sent together in message[attachments].");
            }

            if (ValidateAttachment(attachment, $"message[attachments][{index++}]") is { } error)
            {
                return error;
            }
        }

        return attachments.GetArrayLength() > 1 && !_multiImageAvailable ? GraphError.MultiImageUnavailable() : null;
    }

    private GraphError? ValidateAttachment(JsonElement attachment, string name)
    {
        if (attachment.ValueKind != JsonValueKind.Object || !attachment.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return GraphError.InvalidParameter($"Param {name} must be an object with a type.");
        }

        var type = typeElement.GetString()!;
        var hasPayload = attachment.TryGetProperty("payload", out var payload);
        if (type == "like_heart")
        {
            return hasPayload ? GraphError.InvalidParameter("A like_heart attachment takes no payload.") : null;
        }

        if (!hasPayload || payload.ValueKind != JsonValueKind.Object)
        {
            return GraphError.InvalidParameter($"Param {name}[payload] is required.");
        }

        if (type == "MEDIA_SHARE")
        {
            return IsNonEmptyString(payload, "id") ? null : GraphError.InvalidParameter($"Param {name}[payload][id] must be the IG media id of a post.");
        }

        if (type == "template")
        {
            return TemplateValidator.Validate(payload);
        }

        if (!IsKnownMediaType(type))
        {
            return GraphError.InvalidParameter($"Param {name}[type] '{type}' is not an attachment type.");
        }

        var hasUrl = payload.TryGetProperty("url", out var url);
        var hasId = payload.TryGetProperty("attachment_id", out var id);
        if (hasUrl == hasId)
        {
            return GraphError.InvalidParameter($"Param {name}[payload] needs exactly one of url and attachment_id.");
        }

        if (hasId)
        {
            return id.ValueKind == JsonValueKind.String && _isKnownAttachment(id.GetString()!)
                ? null
                : GraphError.InvalidParameter("The attachment id is not valid or does not belong to this Page.", 2018074);
        }

        if (url.ValueKind != JsonValueKind.String || !IsAbsoluteHttp(url.GetString()!))
        {
            return GraphError.InvalidParameter("The attachment could not be fetched from its URL.", 2018008);
        }

        return ExtensionFits(type, url.GetString()!)
            ? null
            : GraphError.InvalidParameter($"The media at the URL is not a type {type} attachments take.", 2018047);
    }

    internal static bool IsAbsoluteHttp(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    internal static bool IsNonEmptyString(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;

    internal static bool IsString(JsonElement obj, string name, string expected)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == expected;

    // Generic, button and product templates.
    private static class TemplateValidator
    {
        public static GraphError? Validate(JsonElement payload)
        {
            var type = payload.TryGetProperty("template_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return type switch
            {
                "generic" => Generic(payload),
                "button" => ButtonTemplate(payload),
                "product" => Product(payload),
                _ => GraphError.InvalidParameter("template_type must be generic, button or product on Instagram."),
            };
        }

        private static GraphError? Generic(JsonElement payload)
        {
            if (!payload.TryGetProperty("elements", out var elements) || elements.ValueKind != JsonValueKind.Array || elements.GetArrayLength() is 0 or > MaxElements)
            {
                return GraphError.InvalidParameter($"A generic template needs 1 to {MaxElements} elements.");
            }

            foreach (var element in elements.EnumerateArray())
            {
                if (!IsNonEmptyString(element, "title") || Characters(element.GetProperty("title").GetString()!) > MaxElementText)
                {
                    return GraphError.InvalidParameter($"Each element needs a title of at most {MaxElementText} characters.");
                }

                if (element.TryGetProperty("subtitle", out var subtitle) && (subtitle.ValueKind != JsonValueKind.String || Characters(subtitle.GetString()!) > MaxElementText))
                {
                    return GraphError.InvalidParameter($"An element's subtitle takes at most {MaxElementText} characters.");
                }

                if (!element.TryGetProperty("subtitle", out _) && !element.TryGetProperty("image_url", out _) && !element.TryGetProperty("default_action", out _) && !element.TryGetProperty("buttons", out _))
                {
                    return GraphError.InvalidParameter("An element needs a subtitle, image_url, default_action or buttons besides its title.");
                }

                if (element.TryGetProperty("image_url", out var image) && (image.ValueKind != JsonValueKind.String || !IsAbsoluteHttp(image.GetString()!)))
                {
                    return GraphError.InvalidParameter("An element's image_url must be an absolute URL.");
                }

                if (element.TryGetProperty("default_action", out var action)
                    && (!IsString(action, "type", "web_url") || !IsNonEmptyString(action, "url") || !IsAbsoluteHttp(action.GetProperty("url").GetString()!) || action.TryGetProperty("title", out _)))
                {
                    return GraphError.InvalidParameter("default_action must be a web_url with a url and no title.");
                }

                if (element.TryGetProperty("buttons", out var buttons) && Buttons(buttons, 1, MaxButtons) is { } error)
                {
                    return error;
                }
            }

            return null;
        }

        private static GraphError? ButtonTemplate(JsonElement payload)
        {
            if (!IsNonEmptyString(payload, "text") || Characters(payload.GetProperty("text").GetString()!) > MaxButtonText)
            {
                return GraphError.InvalidParameter($"A button template needs a text of at most {MaxButtonText} characters.");
            }

            return payload.TryGetProperty("buttons", out var buttons)
                ? Buttons(buttons, 1, MaxButtons)
                : GraphError.InvalidParameter("A button template needs 1 to 3 buttons.");
        }

        private static GraphError? Product(JsonElement payload)
        {
            if (!payload.TryGetProperty("elements", out var elements) || elements.ValueKind != JsonValueKind.Array || elements.GetArrayLength() is 0 or > MaxElements)
            {
                return GraphError.InvalidParameter($"A product template needs 1 to {MaxElements} products.");
            }

            return elements.EnumerateArray().All(e => IsNonEmptyString(e, "id"))
                ? null
                : GraphError.InvalidParameter("Each product element needs an id.", 2018320);
        }
    }

    // Meta's character limits count characters as people see them, not UTF-16 units: an emoji is one character
    // (one Unicode code point, as the analyzers and Validate() count).
    internal static int Characters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>Checks buttons: web_url (title, absolute url) or postback (title, payload) only.</summary>
    internal static GraphError? Buttons(JsonElement buttons, int min, int max)
    {
        if (buttons.ValueKind != JsonValueKind.Array || buttons.GetArrayLength() < min || buttons.GetArrayLength() > max)
        {
            return GraphError.InvalidParameter($"Buttons must be an array of {min} to {max}.");
        }

        foreach (var button in buttons.EnumerateArray())
        {
            var valid = IsNonEmptyString(button, "title") && (
                (IsString(button, "type", "web_url") && IsNonEmptyString(button, "url") && IsAbsoluteHttp(button.GetProperty("url").GetString()!))
                || (IsString(button, "type", "postback") && IsNonEmptyString(button, "payload")));
            if (!valid)
            {
                return GraphError.InvalidParameter("Each button must be a web_url with a title and an absolute url, or a postback with a title and a payload.");
            }
        }

        return null;
    }
}
