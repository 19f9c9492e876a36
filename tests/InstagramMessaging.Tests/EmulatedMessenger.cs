using System;
using InstagramMessaging.Testing;

namespace InstagramMessaging.Tests;

// A messenger wired to a fresh in-process emulator, the starting point of the tests of the client's operations.
internal static class EmulatedMessenger
{
    public static (InstagramMessenger Messenger, GraphApiEmulator Emulator) Create(Action<InstagramMessengerOptions>? configure = null)
    {
        var emulator = new GraphApiEmulator();
        var options = new InstagramMessengerOptions { AccessToken = GraphApiEmulator.DefaultAccessToken };
        configure?.Invoke(options);
        return (new InstagramMessenger(emulator.CreateHttpClient(), options), emulator);
    }
}
