using System;
using System.Net.Http;

namespace InstagramMessaging.Testing;

// Where deliveries go: a client and the absolute callback URL it posts to.
internal sealed record WebhookTarget(HttpClient Client, Uri Url);
