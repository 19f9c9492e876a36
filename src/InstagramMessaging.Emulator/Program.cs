using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Emulator;
using InstagramMessaging.Testing;

EmulatorToolOptions options;
try
{
    options = EmulatorToolOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(EmulatorToolOptions.Usage);
    return 0;
}

var emulator = new GraphApiEmulator(timeProvider: new EmulatorClock());
if (options.AppSecret is { } secret)
{
    emulator.Webhooks.AppSecret = secret;
}

if (options.VerifyToken is { } verifyToken)
{
    emulator.Webhooks.VerifyToken = verifyToken;
}

await using var server = await GraphApiEmulatorServer.StartOnPortAsync(options.Port, emulator);
var address = server.BaseAddress;
Console.WriteLine($"Instagram emulator ready on {address}");
Console.WriteLine($"  Conversation page:   {address}");
Console.WriteLine($"  Graph API base:      {address}  (InstagramMessengerOptions.BaseAddress; send to {address}v25.0/me/messages)");
Console.WriteLine($"  Access token:        {GraphApiEmulator.DefaultAccessToken}");
// Secrets the emulator made up are printed, since the app under test needs them; ones the user passed are not echoed
// (they may be real, and a console is often captured into logs).
Console.WriteLine($"  App secret:          {(options.AppSecret is null ? emulator.Webhooks.AppSecret : "(as given with --app-secret)")}");
Console.WriteLine($"  Verify token:        {(options.VerifyToken is null ? emulator.Webhooks.VerifyToken : "(as given with --verify-token)")}");
Console.WriteLine($"  Account id:          {emulator.Webhooks.AccountId}");

if (options.ForwardTo is { } forwardTo)
{
    emulator.Webhooks.DeliverTo(forwardTo);
    Console.WriteLine($"  Forwarding to:       {forwardTo}");
    var handshake = await emulator.Webhooks.VerifyAsync();
    Console.WriteLine(handshake.StatusCode is null
        ? "Verification handshake: no answer from the app (is it running?). Deliveries will be retried as Meta does."
        : handshake.AnsweredCorrectly
            ? $"Verification handshake: the app answered {handshake.StatusCode} with the challenge. Ready."
            : $"Verification handshake: the app answered {handshake.StatusCode} without the challenge; check its verify token.");
    emulator.Webhooks.AttemptRecorded += (_, attempt) => Console.WriteLine(DeliveryLine.Format(attempt));
}
else
{
    Console.WriteLine("  No --forward-to: the customer's actions are recorded and shown on the page, not delivered.");
}

Console.WriteLine("Press Ctrl+C to stop.");

// Ctrl+C, `kill` and `docker stop` all stop the server cleanly (the web host alone would only signal its lifetime).
var stop = new TaskCompletionSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
await stop.Task;
return 0;
