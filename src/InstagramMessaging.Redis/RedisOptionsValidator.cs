using Microsoft.Extensions.Options;

namespace InstagramMessaging.Redis;

// Validates the Redis options when the host starts (ValidateOnStart), with a message naming the setting.
internal sealed class RedisOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : RedisConnectionOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
        => options.FindProblem() is { } problem ? ValidateOptionsResult.Fail($"{typeof(TOptions).Name}: {problem}") : ValidateOptionsResult.Success;
}
