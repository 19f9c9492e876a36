using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace InstagramMessaging.Testing;

// The conversation page at "/" (one self-contained HTML file, embedded: no external assets, works offline), and the
// dispatcher for everything under /_emulator/ (JSON API and event stream). Graph API routes never start with either.
internal static class EmulatorPage
{
    private static readonly Lazy<byte[]> s_html = new(() =>
    {
        using var stream = typeof(EmulatorPage).Assembly.GetManifestResourceStream("InstagramMessaging.Testing.Page.emulator.html")
            ?? throw new InvalidOperationException("The conversation page resource is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    // Whether the request is the page's (the page itself, its API or its stream) rather than a Graph API call.
    public static bool Handles(HttpContext context)
        => (context.Request.Path == "/" && HttpMethods.IsGet(context.Request.Method))
            || context.Request.Path.StartsWithSegments("/_emulator", StringComparison.Ordinal);

    public static Task ServeAsync(GraphApiEmulator emulator, HttpContext context)
    {
        var path = context.Request.Path;
        if (path == "/")
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src * data: blob:; media-src * data: blob:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
            return context.Response.Body.WriteAsync(s_html.Value, context.RequestAborted).AsTask();
        }

        if (path == "/_emulator/events" && HttpMethods.IsGet(context.Request.Method))
        {
            return EmulatorEventStream.ServeAsync(emulator, context);
        }

        return EmulatorApi.ServeAsync(emulator, context);
    }
}
