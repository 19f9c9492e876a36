using Xunit;

namespace InstagramMessaging.Redis.Tests;

// A test that needs a real redis-server. Without one it is skipped with what to install, except in CI (CI=true), where
// it runs and fails loudly: the scale-out package must never pass untested.
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.FindExecutable() is null && !RedisServer.InCi)
        {
            Skip = "redis-server not found: apt-get install redis-server (or set REDIS_SERVER to its path).";
        }
    }
}
