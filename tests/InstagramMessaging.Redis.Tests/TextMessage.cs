namespace InstagramMessaging.Redis.Tests;

[InstagramMessage]
public partial record TextMessage([property: MessageText] string Text);
