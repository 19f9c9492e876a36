using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InstagramMessaging.Testing;

// GET /_emulator/events: server-sent events, one "change" event per thing the page shows that changed, with the
// kind and conversation as JSON data. The page re-reads what changed through the JSON API; it never polls.
internal static class EmulatorEventStream
{
    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(15);

    public static async Task ServeAsync(GraphApiEmulator emulator, HttpContext context)
    {
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = linked.Token;

        // A slow reader loses old changes, not memory: the page re-reads current state on any change anyway.
        var changes = Channel.CreateBounded<EmulatorChange>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnChanged(EmulatorChange change) => changes.Writer.TryWrite(change);

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        emulator.Changed += OnChanged;
        try
        {
            await context.Response.WriteAsync("retry: 1000\n: connected\n\n", cancellationToken).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(s_keepAlive);
                string frame;
                try
                {
                    var change = await changes.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                    frame = "event: change\ndata: " + Data(change) + "\n\n";
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    frame = ": keep-alive\n\n";
                }

                await context.Response.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away or the server is stopping.
        }
        finally
        {
            emulator.Changed -= OnChanged;
        }
    }

    private static string Data(EmulatorChange change)
        => new System.Text.Json.Nodes.JsonObject { ["kind"] = change.Kind, ["conversation"] = change.Conversation }.ToJsonString();
}
