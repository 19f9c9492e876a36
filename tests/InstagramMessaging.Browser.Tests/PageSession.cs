using System;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace InstagramMessaging.Browser.Tests;

// One test's world: an emulator server with its page, the app receiving its webhooks, and a browser tab on the page
// showing one customer's conversation, its event stream connected.
internal sealed class PageSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private PageSession(GraphApiEmulatorServer server, TestApp app, IBrowserContext context, IPage page, string customer)
    {
        Server = server;
        App = app;
        _context = context;
        Page = page;
        Customer = customer;
    }

    public GraphApiEmulatorServer Server { get; }

    public GraphApiEmulator Emulator => Server.Emulator;

    public TestApp App { get; }

    public IPage Page { get; }

    public string Customer { get; }

    public static async Task<PageSession> OpenAsync(BrowserFixture browser)
    {
        var server = await GraphApiEmulatorServer.StartAsync();
        var emulator = server.Emulator;
        emulator.Webhooks.RetryDelays = Array.Empty<TimeSpan>(); // a failed delivery shows at once, for the resend test
        var app = await TestApp.StartAsync(emulator.Webhooks.AppSecret, emulator.Webhooks.VerifyToken, server.BaseAddress);
        emulator.Webhooks.DeliverTo(app.WebhookUrl);
        var customer = emulator.NewUserId();
        emulator.User(customer);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 860 } });
        var page = await context.NewPageAsync();
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.PageError += (_, error) => problems.Enqueue(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Enqueue(message.Text);
            }
        };
        await page.GotoAsync(server.BaseAddress + "#" + customer);
        try
        {
            await Expect(page.Locator("#live")).ToHaveTextAsync("live");
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException("The page never connected its event stream. Page errors: " + string.Join(" | ", problems), ex);
        }

        await Expect(page.Locator("#dm-name")).ToHaveTextAsync(customer);
        // Marks this document: a reload would lose the mark, so tests can prove updates arrived live.
        await page.EvaluateAsync("() => { window.__samePage = 'yes'; }");
        return new PageSession(server, app, context, page, customer);
    }

    public ILocator Bubbles(string kind) => Page.Locator($"article[data-kind=\"{kind}\"]");

    public string Json(string messageJson) => $$"""{"recipient":{"id":"{{Customer}}"},{{messageJson}}}""";

    public async Task AssertSamePageAsync()
        => Assert.Equal("yes", await Page.EvaluateAsync<string>("() => window.__samePage"));

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await App.DisposeAsync();
        await Server.DisposeAsync();
    }
}
