using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace InstagramMessaging.Testing;

/// <summary>
/// Checks a send body the way the platform does. Written from the platform facts alone, apart from the
/// library's generator and rules table, so it catches the library's own mistakes.
/// </summary>
internal static class SendRequestValidator
{
    private const int MaxTextBytes = 1000;

    private static readonly HashSet<string> s_topLevelKeys = new(StringComparer.Ordinal)
    {
        "recipient", "messaging_type", "tag", "message", "sender_action", "payload", "reply_to",
    };

    private static readonly HashSet<string> s_messageKeys = new(StringComparer.Ordinal) { "text" };

    /// <summary>Returns the error Meta would answer, or null when the body is a valid send.</summary>
    public static GraphError? Validate(JsonElement body, out string recipientId)
    {
        recipientId = string.Empty;
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

        if (ValidateRecipient(body, out recipientId) is { } recipientError)
        {
            return recipientError;
        }

        if (ValidateMessagingType(body) is { } typeError)
        {
            return typeError;
        }

        var hasMessage = body.TryGetProperty("message", out var message);
        var hasAction = body.TryGetProperty("sender_action", out _);
        if (hasMessage && hasAction)
        {
            return GraphError.InvalidParameter("Message and sender action cannot be sent in the same request.", 2018014);
        }

        if (!hasMessage)
        {
            return GraphError.InvalidParameter(hasAction
                ? "Sender actions are not supported by this emulator yet."
                : "The parameter message is required.");
        }

        if (ValidateMessage(message) is { } messageError)
        {
            return messageError;
        }

        if (body.TryGetProperty("reply_to", out var replyTo)
            && (replyTo.ValueKind != JsonValueKind.Object || !IsNonEmptyString(replyTo, "mid")))
        {
            return GraphError.InvalidParameter("Param reply_to must be an object with a non-empty mid.");
        }

        return null;
    }

    private static GraphError? ValidateRecipient(JsonElement body, out string recipientId)
    {
        recipientId = string.Empty;
        if (!body.TryGetProperty("recipient", out var recipient) || recipient.ValueKind != JsonValueKind.Object)
        {
            return GraphError.InvalidParameter("The parameter recipient is required.");
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
        if (hasType && type.ValueKind == JsonValueKind.String && type.GetString() is "RESPONSE" or "UPDATE" && !hasTag)
        {
            return null;
        }

        if (hasType && type.ValueKind == JsonValueKind.String && type.GetString() == "MESSAGE_TAG")
        {
            return hasTag && tag.ValueKind == JsonValueKind.String && tag.GetString() == "HUMAN_AGENT"
                ? null
                : GraphError.InvalidParameter("MESSAGE_TAG needs tag HUMAN_AGENT; other tags are not available on Instagram.");
        }

        if (!hasType && !hasTag)
        {
            return null;
        }

        return GraphError.InvalidParameter(hasTag
            ? "Param tag needs messaging_type MESSAGE_TAG."
            : "Param messaging_type must be RESPONSE, UPDATE or MESSAGE_TAG.");
    }

    private static GraphError? ValidateMessage(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return GraphError.InvalidParameter("Param message must be a JSON object.");
        }

        foreach (var property in message.EnumerateObject())
        {
            if (!s_messageKeys.Contains(property.Name))
            {
                return GraphError.InvalidParameter($"Param message[{property.Name}] is not supported by this emulator.");
            }
        }

        if (!message.TryGetProperty("text", out var text))
        {
            return GraphError.InvalidParameter("Param message must be non-empty.");
        }

        if (text.ValueKind != JsonValueKind.String || text.GetString()!.Length == 0)
        {
            return GraphError.InvalidParameter("Param message[text] must be a non-empty UTF-8 string.");
        }

        var bytes = Encoding.UTF8.GetByteCount(text.GetString()!);
        return bytes > MaxTextBytes
            ? GraphError.InvalidParameter($"Param message[text] is {bytes} bytes; it must be at most {MaxTextBytes} bytes of UTF-8.")
            : null;
    }

    private static bool IsNonEmptyString(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;
}
