using System;

namespace InstagramMessaging.Transport;

// One Graph API address of a page (messages, message_attachments, messenger_profile...), with everything a call
// to it needs computed once: the URI, the operation's name for logs and metrics, the span's name.
internal sealed class GraphEndpoint
{
    public GraphEndpoint(Uri pageUri, string relative)
    {
        Uri = new Uri(pageUri, relative);
        Text = Uri.ToString();
        HasQuery = !string.IsNullOrEmpty(Uri.Query);
        Path = Uri.AbsolutePath;
        Operation = relative.Split('?', 2)[0];
        ActivityName = "instagram " + Operation;
    }

    /// <summary>The address, without any appsecret_proof.</summary>
    public Uri Uri { get; }

    /// <summary>The address as text, to append a proof to.</summary>
    public string Text { get; }

    public bool HasQuery { get; }

    /// <summary>The path alone, safe to log (no query).</summary>
    public string Path { get; }

    public string Operation { get; }

    public string ActivityName { get; }
}
