using InstagramMessaging;
using InstagramMessaging.Testing;
using InstagramMessaging.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SupportBot;

// Live: set INSTAGRAM_ACCESS_TOKEN, INSTAGRAM_APP_SECRET and INSTAGRAM_VERIFY_TOKEN, expose this app over HTTPS and
// enter https://<host>/webhooks/instagram as the callback in Meta's dashboard (docs/webhooks.md). Instagram API with
// Facebook Login by default (a Page token, the Meta app secret); INSTAGRAM_LOGIN=instagram for Instagram API with
// Instagram Login (an Instagram user token, the Instagram app secret, graph.instagram.com).
// Without a token, it runs against the built-in emulator: the emulator plays a customer, signs real webhooks to
// this app over loopback HTTP, and receives the bot's answers. `--demo` plays one conversation and exits.
var token = Environment.GetEnvironmentVariable("INSTAGRAM_ACCESS_TOKEN");
var live = !string.IsNullOrWhiteSpace(token);
await using var emulatorServer = live ? null : await GraphApiEmulatorServer.StartAsync();
var emulator = emulatorServer?.Emulator;

var builder = WebApplication.CreateBuilder(args);
if (!live)
{
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
}

builder.Services.AddSingleton<ConversationLog>();
builder.Services.AddInstagramMessaging(options =>
{
    options.AccessToken = live ? token : GraphApiEmulator.DefaultAccessToken;
    options.BaseAddress = emulatorServer?.BaseAddress
        ?? (string.Equals(Environment.GetEnvironmentVariable("INSTAGRAM_LOGIN"), "instagram", StringComparison.OrdinalIgnoreCase)
            ? InstagramMessengerOptions.InstagramGraphAddress
            : InstagramMessengerOptions.FacebookGraphAddress);
});
builder.Services.AddInstagramWebhooks(options =>
{
    options.VerifyToken = live ? Environment.GetEnvironmentVariable("INSTAGRAM_VERIFY_TOKEN") : emulator!.Webhooks.VerifyToken;
    options.AppSecrets.Add((live ? Environment.GetEnvironmentVariable("INSTAGRAM_APP_SECRET") : emulator!.Webhooks.AppSecret) ?? string.Empty);
}).AddHandler<SupportBotHandler>();

var app = builder.Build();
app.MapInstagramWebhooks();
app.MapGet("/", () => "SupportBot is running; Meta posts to /webhooks/instagram.");
await app.StartAsync();

var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
Console.WriteLine($"SupportBot listens on {address}/webhooks/instagram");
if (emulator is null)
{
    await app.WaitForShutdownAsync();
    return 0;
}

// The emulator now plays Meta and the customer: it checks the handshake, then delivers signed webhooks here.
emulator.Webhooks.DeliverTo(new Uri(address + "/webhooks/instagram"));
var handshake = await emulator.Webhooks.VerifyAsync();
Console.WriteLine($"Graph API emulator at {emulatorServer!.BaseAddress}; webhook handshake {(handshake.Accepted ? "passed" : "FAILED")}");

var log = app.Services.GetRequiredService<ConversationLog>();
var customer = emulator.User("7241980365028173");
Console.WriteLine();
Console.WriteLine($"A conversation with {customer.Id}:");
await Step(() => customer.SendTextAsync("Hi! Do you ship to Lisbon?"));
await Step(() => customer.TapQuickReplyAsync(Payloads.OrderStatus));
await Step(() => customer.TapQuickReplyAsync(Payloads.Browse));
await Step(() => customer.PressPostbackAsync(Payloads.BuyJacket));

var conversation = emulator.Conversation(customer.Id);
Console.WriteLine();
Console.WriteLine($"The bot sent {conversation.Count} messages; the emulator delivered {emulator.Webhooks.TotalAttempts} webhooks.");
if (args.Contains("--demo"))
{
    await app.StopAsync();
    return log.Answers == 4 ? 0 : 1;
}

Console.WriteLine($"Chat with the bot as the customer on the conversation page: {emulatorServer.BaseAddress}#{customer.Id}");
Console.WriteLine("Still running, with the emulator: press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
return 0;

// Plays one customer action and waits until the bot has answered it.
async Task Step(Func<Task> action)
{
    var before = log.Answers;
    await action();
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
    while (log.Answers == before)
    {
        await Task.Delay(20, timeout.Token);
    }
}
