using System;
using System.Net.Http;
using InstagramMessaging;
using InstagramMessaging.Testing;
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

var welcome = await new Welcome().SendAsync(messenger, recipient);
Console.WriteLine($"Welcome         -> message id {welcome.MessageId}");

var shipped = await new OrderShipped("Your order #1042 is on its way!", InReplyTo: welcome.MessageId).SendAsync(messenger, recipient);
Console.WriteLine($"OrderShipped    -> message id {shipped.MessageId} (reply to {welcome.MessageId})");

var handoff = await new SupportHandoff("A person from our team will answer here shortly.").SendAsync(messenger, recipient, SendOptions.Response);
Console.WriteLine($"SupportHandoff  -> message id {handoff.MessageId}");

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
}

return 0;
