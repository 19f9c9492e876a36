using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using InstagramMessaging;
using InstagramMessaging.Rules;
using InstagramMessaging.Testing;
using InstagramMessaging.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuickStart;

// Live mode: set INSTAGRAM_ACCESS_TOKEN (a Page access token) and INSTAGRAM_RECIPIENT_ID (an IGSID that wrote to
// you in the last 24 hours). Without a token, everything goes to the built-in Graph API emulator on 127.0.0.1.
var token = Environment.GetEnvironmentVariable("INSTAGRAM_ACCESS_TOKEN");
var live = !string.IsNullOrWhiteSpace(token);
await using var server = live ? null : await GraphApiEmulatorServer.StartAsync();

var options = new InstagramMessengerOptions
{
    AccessToken = live ? token : GraphApiEmulator.DefaultAccessToken,
    BaseAddress = server?.BaseAddress ?? InstagramMessengerOptions.FacebookGraphAddress,
    PageId = Environment.GetEnvironmentVariable("INSTAGRAM_PAGE_ID") ?? "me",
};
var recipientId = Environment.GetEnvironmentVariable("INSTAGRAM_RECIPIENT_ID");
if (live && string.IsNullOrWhiteSpace(recipientId))
{
    Console.Error.WriteLine("INSTAGRAM_RECIPIENT_ID is not set: give the IGSID of someone who messaged the account in the last 24 hours.");
    return 1;
}

recipientId ??= "1234567890123456";
Console.WriteLine(live ? $"Sending to Meta as {options.PageId}." : $"Sending to the Graph API emulator at {server!.BaseAddress}.");

using var http = new HttpClient();
var messenger = new InstagramMessenger(http, options);
var recipient = Recipient.Id(recipientId);

void Show(string kind, SendResult result) => Console.WriteLine($"{kind,-16} -> message id {result.MessageId ?? "(none: actions have no message id)"}");

await messenger.SendSenderActionAsync(recipient, SenderAction.TypingOn);
var welcome = await new Welcome().SendAsync(messenger, recipient);
Show("Welcome", welcome);
Show("OrderShipped", await new OrderShipped("Your order #1042 is on its way!", InReplyTo: welcome.MessageId).SendAsync(messenger, recipient));
Show("SupportHandoff", await new SupportHandoff("A person from our team will answer here shortly.").SendAsync(messenger, recipient, SendOptions.Response));
Show("HowCanWeHelp", await new HowCanWeHelp("How can we help?").SendAsync(messenger, recipient));

// The example media below lives on example.com, which Meta cannot fetch: the tour of every kind runs on the emulator.
if (!live)
{
    var banner = await messenger.UploadAttachmentAsync(MediaKind.Image, new Uri("https://cdn.example.com/banner.png"));
    var receipt = await messenger.UploadAttachmentAsync(MediaKind.File, new MemoryStream(new byte[2048]), "receipt-1042.pdf", "application/pdf");
    Console.WriteLine($"Uploads          -> attachment ids {banner}, {receipt}");

    Show("ProductPhoto", await new ProductPhoto(new Uri("https://cdn.example.com/hat.jpg")).SendAsync(messenger, recipient));
    Show("Lookbook", await new Lookbook(new MediaSource[] { banner, MediaSource.FromUrl("https://cdn.example.com/look-2.jpg") }).SendAsync(messenger, recipient));
    Show("VoiceNote", await new VoiceNote(MediaSource.FromUrl("https://cdn.example.com/hello.m4a")).SendAsync(messenger, recipient));
    Show("UnboxingVideo", await new UnboxingVideo(new Uri("https://cdn.example.com/unboxing.mp4")).SendAsync(messenger, recipient));
    Show("InvoiceFile", await new InvoiceFile("https://cdn.example.com/invoice-1042.pdf").SendAsync(messenger, recipient));
    Show("SharedPost", await new SharedPost("17895695668004550").SendAsync(messenger, recipient));
    Show("NewArrivals", await new NewArrivals(new[]
    {
        new GenericElement("Wool beanie") { Subtitle = "Three colours", ImageUrl = "https://cdn.example.com/beanie.jpg", Buttons = new Button[] { Button.Postback("I want it", "BUY_BEANIE") } },
        new GenericElement("Scarf") { Subtitle = "Soft and long", DefaultActionUrl = "https://shop.example/scarf" },
    }).SendAsync(messenger, recipient));
    Show("ReturnOptions", await new ReturnOptions("How would you like to return it?", Button.Url("Return online", "https://shop.example/returns"), Button.Postback("Ask a person", "HUMAN")).SendAsync(messenger, recipient));
    Show("Recommended", await new Recommended(new[] { "7000000000000001", "7000000000000002" }).SendAsync(messenger, recipient));
    Show("Heart", await messenger.SendHeartAsync(recipient));
    Show("React", await messenger.ReactAsync(recipient, welcome.MessageId!));
    Show("Private reply", await new OrderShipped("Thanks for your comment! We sent you the details.").SendAsync(messenger, Recipient.Comment("17900000000000001")));

    await messenger.SetIceBreakersAsync(new[] { new IceBreakerSet("default", new[] { new IceBreaker("Where is my order?", "TRACK"), new IceBreaker("Do you ship abroad?", "SHIPPING") }) });
    await messenger.SetPersistentMenuAsync(new[] { new PersistentMenu("default", new Button[] { Button.Postback("Talk to a person", "HUMAN"), Button.Url("Shop", "https://shop.example") }) });
    Console.WriteLine($"Ice breakers     -> {(await messenger.GetIceBreakersAsync())[0].Questions.Count} questions set; persistent menu set");
}

await messenger.SendSenderActionAsync(recipient, SenderAction.TypingOff);

// A rule broken at run time is refused before any request: nothing is sent.
try
{
    await new OrderShipped(new string('x', 1001)).SendAsync(messenger, recipient);
}
catch (InstagramMessageValidationException ex)
{
    Console.WriteLine($"Refused before sending: {ex.Violations[0]}");
}

if (server is not null)
{
    Console.WriteLine($"The emulator holds {server.Emulator.Conversation(recipientId).Count} messages for {recipientId}.");

    // The other half: the emulator plays the customer. What they write reaches this app's webhook endpoint as a
    // signed POST over loopback HTTP, the bot answers through the Send API, and the emulator shows both sides.
    var emulator = server.Emulator;
    var appBuilder = WebApplication.CreateSlimBuilder();
    appBuilder.Logging.ClearProviders();
    appBuilder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    appBuilder.Services.AddSingleton(messenger);
    appBuilder.Services.AddSingleton<RoundTripLog>();
    appBuilder.Services.AddInstagramWebhooks(webhooks =>
    {
        webhooks.VerifyToken = emulator.Webhooks.VerifyToken;
        webhooks.AppSecrets.Add(emulator.Webhooks.AppSecret);
    }).AddHandler<RoundTripBot>();
    await using var app = appBuilder.Build();
    app.MapInstagramWebhooks();
    await app.StartAsync();

    var endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/webhooks/instagram");
    emulator.Webhooks.DeliverTo(endpoint);
    var handshake = await emulator.Webhooks.VerifyAsync();
    Console.WriteLine($"Round trip       -> webhooks to {endpoint} (handshake {(handshake.Accepted ? "passed" : "FAILED")})");

    var customer = emulator.User(recipientId);
    var wrote = await customer.SendTextAsync("Hi! When does my order arrive? 📦");
    var answer = await app.Services.GetRequiredService<RoundTripLog>().Answered().WaitAsync(TimeSpan.FromSeconds(10));
    var reply = emulator.Conversation(recipientId).Single(m => m.MessageId == answer.MessageId);
    Console.WriteLine($"Customer sees    <- \"{reply.Text}\" (a reply to {(reply.ReplyToMessageId == wrote.MessageId ? "their message" : "something else")})");
    await app.StopAsync();
    if (!handshake.Accepted || reply.ReplyToMessageId != wrote.MessageId)
    {
        return 1;
    }
}

return 0;
