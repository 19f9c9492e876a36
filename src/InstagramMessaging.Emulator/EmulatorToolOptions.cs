using System;
using System.Globalization;

namespace InstagramMessaging.Emulator;

// The command line: --port, --forward-to, --app-secret, --verify-token, --help.
internal sealed record EmulatorToolOptions(int Port, Uri? ForwardTo, string? AppSecret, string? VerifyToken, bool Help)
{
    public const int DefaultPort = 4000;

    public const string Usage = """
        instagram-emulator: the Instagram Graph API emulator and its conversation page, on 127.0.0.1.

        Options:
          --port <port>           Port to listen on (default 4000; 0 picks a free one).
          --forward-to <url>      Your app's webhook callback, e.g. http://localhost:5000/webhooks/instagram.
                                  The emulator runs Meta's verification handshake against it on start, then
                                  posts every customer action and echo there, signed with the app secret.
          --app-secret <secret>   The secret deliveries are signed with (random when omitted).
          --verify-token <token>  The verify token of the handshake (random when omitted).
          --help                  Show this text.

        Open the printed address in a browser to see every conversation and to write as the customer.
        """;

    public static EmulatorToolOptions Parse(string[] args)
    {
        var port = DefaultPort;
        Uri? forwardTo = null;
        string? appSecret = null, verifyToken = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var inline = name.IndexOf('=', StringComparison.Ordinal);
            string? value = null;
            if (inline > 0)
            {
                value = name[(inline + 1)..];
                name = name[..inline];
            }

            switch (name)
            {
                case "--help" or "-h" or "-?":
                    return new EmulatorToolOptions(port, forwardTo, appSecret, verifyToken, Help: true);
                case "--port":
                    var text = value ?? Next(args, ref i, name);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                    {
                        throw new ArgumentException($"--port takes a number from 0 to 65535, not '{text}'.");
                    }

                    break;
                case "--forward-to":
                    var url = value ?? Next(args, ref i, name);
                    if (!Uri.TryCreate(url, UriKind.Absolute, out forwardTo) || (forwardTo.Scheme != Uri.UriSchemeHttp && forwardTo.Scheme != Uri.UriSchemeHttps))
                    {
                        throw new ArgumentException($"--forward-to takes an absolute http or https URL, such as http://localhost:5000/webhooks/instagram; '{url}' is not one.");
                    }

                    break;
                case "--app-secret":
                    appSecret = value ?? Next(args, ref i, name);
                    break;
                case "--verify-token":
                    verifyToken = value ?? Next(args, ref i, name);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'. Run instagram-emulator --help for the options.");
            }
        }

        return new EmulatorToolOptions(port, forwardTo, appSecret, verifyToken, Help: false);
    }

    private static string Next(string[] args, ref int i, string name)
        => ++i < args.Length && args[i].Length > 0 ? args[i] : throw new ArgumentException($"{name} needs a value.");
}
