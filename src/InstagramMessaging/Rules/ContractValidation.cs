using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace InstagramMessaging.Rules;

/// <summary>
/// The run-time checks generated <c>Validate()</c> methods call. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ContractValidation
{
    /// <summary>Checks a <c>[MessageText]</c> value: present, and at most 1000 UTF-8 bytes.</summary>
    public static void CheckText(ref List<MessageRuleViolation>? violations, string? value, string member)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(ref violations, MessageRules.EmptyValue, member, member, value is null ? "null" : "empty", "text");
        }
        else if (MessageRules.IsTextTooLong(value))
        {
            Add(ref violations, MessageRules.TextTooLong, member, member, MessageRules.Utf8Length(value));
        }
    }

    /// <summary>Checks a <c>[ReplyTo]</c> value: null (no reply) or a non-empty message id.</summary>
    public static void CheckReplyTo(ref List<MessageRuleViolation>? violations, string? value, string member)
    {
        if (value is not null && value.Length == 0)
        {
            Add(ref violations, MessageRules.EmptyValue, member, member, "empty", "reply_to message id (use null to send no reply_to)");
        }
    }

    /// <summary>Checks one attachment: set, an absolute http(s) URL of a type <paramref name="kind"/> takes, or an attachment id.</summary>
    public static void CheckMedia(ref List<MessageRuleViolation>? violations, MediaKind kind, MediaSource source, string member)
    {
        if (!source.IsSet)
        {
            Add(ref violations, MessageRules.EmptyValue, member, member, "not set", MessageRules.JsonType(kind) + " attachment");
            return;
        }

        if (source.Url is not { } url)
        {
            return;
        }

        if (!MessageRules.IsAbsoluteHttpUrl(url))
        {
            Add(ref violations, MessageRules.InvalidUrl, member, member, url);
        }
        else if (MessageRules.IsMediaTypeRejected(kind, url, out var extension))
        {
            Add(ref violations, MessageRules.MediaTypeNotSupported, member, member, extension, MessageRules.JsonType(kind), string.Join(", ", MessageRules.MediaTypes(kind)));
        }
    }

    /// <summary>Checks one item of a collection of attachments; the member name gets the index only on a violation.</summary>
    public static void CheckMedia(ref List<MessageRuleViolation>? violations, MediaKind kind, MediaSource source, string member, int index)
    {
        if (!source.IsSet || (source.Url is { } url && (!MessageRules.IsAbsoluteHttpUrl(url) || MessageRules.IsMediaTypeRejected(kind, url, out _))))
        {
            CheckMedia(ref violations, kind, source, $"{member}[{index}]");
        }
    }

    /// <summary>Checks how many images a message holds: 1 to 10.</summary>
    public static void CheckImageCount(ref List<MessageRuleViolation>? violations, int count, string member)
    {
        if (count == 0)
        {
            Add(ref violations, MessageRules.EmptyValue, member, member, "empty", "image list");
        }
        else if (count > MessageRules.MaxAttachments)
        {
            Add(ref violations, MessageRules.TooManyAttachments, member, member, count);
        }
    }

    /// <summary>Checks a value that must be a non-empty string, such as a post id.</summary>
    public static void CheckRequired(ref List<MessageRuleViolation>? violations, string? value, string member, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(ref violations, MessageRules.EmptyValue, member, member, value is null ? "null" : "empty", what);
        }
    }

    /// <summary>Checks quick replies: at most 13, each with a title and a payload.</summary>
    public static void CheckQuickReplies(ref List<MessageRuleViolation>? violations, IReadOnlyList<QuickReply>? declared, IReadOnlyList<QuickReply>? runtime, string member)
    {
        var count = (declared?.Count ?? 0) + (runtime?.Count ?? 0);
        if (count > MessageRules.MaxQuickReplies)
        {
            Add(ref violations, MessageRules.TooManyQuickReplies, member, member, count);
        }

        foreach (var list in new[] { declared, runtime })
        {
            for (var i = 0; list is not null && i < list.Count; i++)
            {
                var reply = list[i];
                var name = $"{member}[{i}]";
                if (reply is null)
                {
                    Add(ref violations, MessageRules.EmptyValue, name, name, "null", "quick reply");
                    continue;
                }

                CheckRequired(ref violations, reply.Title, name + ".Title", "quick reply title");
                CheckRequired(ref violations, reply.Payload, name + ".Payload", "quick reply payload");
            }
        }
    }

    /// <summary>Checks a generic template: 1 to 10 complete elements, short texts, up to 3 valid buttons each.</summary>
    public static void CheckGenericTemplate(ref List<MessageRuleViolation>? violations, IReadOnlyList<GenericElement>? elements, string member)
    {
        var count = elements?.Count ?? 0;
        if (count is 0 or > MessageRules.MaxTemplateElements)
        {
            Add(ref violations, MessageRules.TemplateElementCount, member, member, count, "generic");
        }

        for (var i = 0; elements is not null && i < elements.Count; i++)
        {
            var element = elements[i];
            var name = $"{member}[{i}]";
            if (element is null)
            {
                Add(ref violations, MessageRules.EmptyValue, name, name, "null", "template element");
                continue;
            }

            CheckRequired(ref violations, element.Title, name + ".Title", "element title");
            CheckLength(ref violations, element.Title, MessageRules.MaxGenericTextLength, name + ".Title");
            CheckLength(ref violations, element.Subtitle, MessageRules.MaxGenericTextLength, name + ".Subtitle");
            CheckOptionalUrl(ref violations, element.ImageUrl, name + ".ImageUrl");
            CheckOptionalUrl(ref violations, element.DefaultActionUrl, name + ".DefaultActionUrl");
            var buttons = element.Buttons?.Count ?? 0;
            if (buttons > MessageRules.MaxTemplateButtons)
            {
                Add(ref violations, MessageRules.ButtonCount, name + ".Buttons", name + ".Buttons", buttons, MessageRules.GenericElementButtons);
            }

            CheckButtons(ref violations, element.Buttons, name + ".Buttons");
            if (element.Subtitle is null && element.ImageUrl is null && element.DefaultActionUrl is null && buttons == 0)
            {
                Add(ref violations, MessageRules.GenericElementIncomplete, name, i, $"'{member}'");
            }
        }
    }

    /// <summary>Checks a button template's text: present and at most 640 characters.</summary>
    public static void CheckButtonTemplateText(ref List<MessageRuleViolation>? violations, string? text, string member)
    {
        CheckRequired(ref violations, text, member, "text");
        CheckLength(ref violations, text, MessageRules.MaxButtonTemplateTextLength, member);
    }

    /// <summary>Checks how many buttons a button template has: 1 to 3.</summary>
    public static void CheckButtonTemplateCount(ref List<MessageRuleViolation>? violations, int count, string member)
    {
        if (count is 0 or > MessageRules.MaxTemplateButtons)
        {
            Add(ref violations, MessageRules.ButtonCount, member, member, count, MessageRules.ButtonTemplateButtons);
        }
    }

    /// <summary>Checks one button: a title, and an absolute URL or a payload.</summary>
    public static void CheckButton(ref List<MessageRuleViolation>? violations, Button? button, string member)
    {
        switch (button)
        {
            case null:
                return;
            case UrlButton url:
                CheckRequired(ref violations, url.Title, member + ".Title", "button title");
                if (!MessageRules.IsAbsoluteHttpUrl(url.Address ?? string.Empty))
                {
                    Add(ref violations, MessageRules.InvalidUrl, member, member, url.Address ?? "null");
                }

                break;
            case PostbackButton postback:
                CheckRequired(ref violations, postback.Title, member + ".Title", "button title");
                CheckRequired(ref violations, postback.Payload, member + ".Payload", "postback payload");
                break;
        }
    }

    /// <summary>Checks every button of a list.</summary>
    public static void CheckButtons(ref List<MessageRuleViolation>? violations, IReadOnlyList<Button>? buttons, string member)
    {
        for (var i = 0; buttons is not null && i < buttons.Count; i++)
        {
            if (buttons[i] is null)
            {
                Add(ref violations, MessageRules.EmptyValue, $"{member}[{i}]", $"{member}[{i}]", "null", "button");
            }

            CheckButton(ref violations, buttons[i], $"{member}[{i}]");
        }
    }

    /// <summary>Checks a product template: 1 to 10 non-empty product ids.</summary>
    public static void CheckProductTemplate(ref List<MessageRuleViolation>? violations, IReadOnlyList<string>? productIds, string member)
    {
        var count = productIds?.Count ?? 0;
        if (count is 0 or > MessageRules.MaxTemplateElements)
        {
            Add(ref violations, MessageRules.TemplateElementCount, member, member, count, "product");
        }

        for (var i = 0; productIds is not null && i < productIds.Count; i++)
        {
            CheckRequired(ref violations, productIds[i], $"{member}[{i}]", "product id");
        }
    }

    /// <summary>How many items a collection member holds (null holds none).</summary>
    public static int Count<T>(IReadOnlyCollection<T>? items) => items?.Count ?? 0;

    /// <summary>How many items a collection member holds (default holds none).</summary>
    public static int Count<T>(System.Collections.Immutable.ImmutableArray<T> items) => items.IsDefault ? 0 : items.Length;

    /// <summary>Whether a single optional member holds a value: 1 or 0.</summary>
    public static int Count(object? item) => item is null ? 0 : 1;

    private static void CheckLength(ref List<MessageRuleViolation>? violations, string? text, int max, string member)
    {
        if (text is not null && MessageRules.CharacterCount(text) is var length && length > max)
        {
            Add(ref violations, MessageRules.TemplateTextTooLong, member, member, length, max);
        }
    }

    private static void CheckOptionalUrl(ref List<MessageRuleViolation>? violations, string? url, string member)
    {
        if (url is not null && !MessageRules.IsAbsoluteHttpUrl(url))
        {
            Add(ref violations, MessageRules.InvalidUrl, member, member, url);
        }
    }

    /// <summary>The violations found, or an empty list.</summary>
    public static IReadOnlyList<MessageRuleViolation> Result(List<MessageRuleViolation>? violations)
        => violations is null ? Array.Empty<MessageRuleViolation>() : violations;

    private static void Add(ref List<MessageRuleViolation>? violations, MessageRule rule, string member, params object[] args)
        => (violations ??= new List<MessageRuleViolation>()).Add(new MessageRuleViolation(rule.Id, member, rule.Format(args)));
}
