namespace InstagramMessaging.Redis.Tests;

public sealed record ReceiverName(string Value);
