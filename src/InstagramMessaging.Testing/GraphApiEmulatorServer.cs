using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.Testing;

/// <summary>
/// Serves a <see cref="GraphApiEmulator"/> over HTTP on 127.0.0.1 with a free port, for samples, load tests
/// and anything that must cross a real socket. Dispose it to stop the server.
/// </summary>
public sealed class GraphApiEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GraphApiEmulatorServer(WebApplication app, GraphApiEmulator emulator, Uri baseAddress)
    {
        _app = app;
        Emulator = emulator;
        BaseAddress = baseAddress;
    }

    /// <summary>The emulator answering the requests; assert on its conversations.</summary>
    public GraphApiEmulator Emulator { get; }

    /// <summary>Where to point <c>InstagramMessengerOptions.BaseAddress</c>, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Starts a server on 127.0.0.1 with a port the operating system picks, and on nothing else: it reads no
    /// configuration (no <c>appsettings.json</c>, no environment variables), so a <c>Kestrel:Endpoints</c> or
    /// <c>ASPNETCORE_URLS</c> meant for an app cannot expose it on another address.
    /// </summary>
    /// <param name="emulator">The emulator to serve; a new one by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<GraphApiEmulatorServer> StartAsync(GraphApiEmulator? emulator = null, CancellationToken cancellationToken = default)
        => StartOnPortAsync(0, emulator, cancellationToken);

    /// <summary>Starts a server on 127.0.0.1 at <paramref name="port"/> (0: a port the operating system picks).</summary>
    /// <param name="port">The loopback port, such as 4000 for the <c>instagram-emulator</c> tool.</param>
    /// <param name="emulator">The emulator to serve; a new one (with a movable <see cref="EmulatorClock"/>) by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<GraphApiEmulatorServer> StartOnPortAsync(int port, GraphApiEmulator? emulator = null, CancellationToken cancellationToken = default)
    {
        emulator ??= new GraphApiEmulator(timeProvider: new EmulatorClock());
        // The empty builder adds no configuration source; Kestrel is told to bind its own loopback endpoint only.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Configure(new ConfigurationBuilder().Build());
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.Run(context => ServeAsync(emulator, context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GraphApiEmulatorServer(app, emulator, new Uri(address.TrimEnd('/') + "/"));
    }

    private static async Task ServeAsync(GraphApiEmulator emulator, HttpContext context)
    {
        if (EmulatorPage.Handles(context))
        {
            await EmulatorPage.ServeAsync(emulator, context).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);

        var request = new EmulatedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.Authorization.FirstOrDefault(),
            context.Request.ContentType,
            buffer.ToArray());
        var answer = await emulator.HandleAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (answer.Drop is EmulatedFault.DropBeforeProcessing or EmulatedFault.DropAfterProcessing)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = answer.Drop == EmulatedFault.GatewayErrorAfterProcessing ? "text/html; charset=utf-8" : "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
