// This file is the one rules table. It is compiled into the runtime library and linked as source into the
// generator, so the analyzers, the generated Validate() and the docs read every limit from here.
namespace InstagramMessaging.Rules;

/// <summary>A platform rule: the id shared by its diagnostic and its runtime violation, and its words.</summary>
#if INSTAGRAMMESSAGING_GENERATOR
internal
#else
public
#endif
sealed class MessageRule
{
    internal MessageRule(string id, string title, string messageFormat)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
    }

    /// <summary>The rule's id, such as <c>IGM001</c>; also the diagnostic id.</summary>
    public string Id { get; }

    /// <summary>A one-line summary.</summary>
    public string Title { get; }

    /// <summary>The diagnostic and violation text, with <c>{0}</c>, <c>{1}</c>... placeholders.</summary>
    public string MessageFormat { get; }

    /// <summary>Fills <see cref="MessageFormat"/>.</summary>
    public string Format(params object[] args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args);
}
