using StackExchange.Redis;

namespace InstagramMessaging.Redis;

// Opens a connection that fails fast: AbortOnConnectFail off (the app starts while Redis is down and reconnects in
// the background), short timeouts, and FailFast backlog so a command to a server that is down throws at once
// instead of waiting in a queue for the reconnection.
internal static class RedisConnections
{
    public static ConnectionMultiplexer Open(RedisConnectionOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new LinearRetry(250);
        configuration.ConnectRetry = 1;
        return ConnectionMultiplexer.Connect(configuration);
    }

    public static bool IsUnavailable(System.Exception exception)
        => exception is RedisException or RedisTimeoutException or System.ObjectDisposedException;
}
