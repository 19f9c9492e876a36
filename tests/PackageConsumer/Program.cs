using InstagramMessaging;
using InstagramMessaging.Testing;

var emulator = new GraphApiEmulator();
var messenger = new InstagramMessenger(emulator.CreateHttpClient(), new InstagramMessengerOptions { AccessToken = GraphApiEmulator.DefaultAccessToken });

var result = await new Greeting("Hello from the packed package!").SendAsync(messenger, Recipient.Id("42"));
Console.WriteLine($"sent {result.MessageId}");
Console.WriteLine($"delivered {emulator.Conversation("42").Single().Text}");

[InstagramMessage]
public partial record Greeting([property: MessageText] string Text);
