using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InstagramMessaging;

/// <summary>Registers <see cref="InstagramMessenger"/> with dependency injection.</summary>
public static class InstagramMessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="InstagramMessenger"/> as a typed client of <c>IHttpClientFactory</c>, with options
    /// validated when the host starts, one <see cref="IInstagramRateLimiter"/> for the process (register your own
    /// first to share budgets across instances), and the container's <see cref="TimeProvider"/> and logging.
    /// Chain handlers or a primary handler on the returned builder.
    /// </summary>
    /// <remarks>
    /// The factory's own request logging is removed for this client and every header is marked for redaction,
    /// whatever the Microsoft.Extensions.Http version: that logging prints the request URL, whose query carries
    /// <c>appsecret_proof</c>, and before version 9 the <c>Authorization</c> header, that is the token. The client
    /// logs each call and answer itself, without either. Adding a logger back with <c>AddDefaultLogger()</c> brings
    /// the URL back into the logs.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the token and, if needed, host, version and page.</param>
    /// <returns>The typed client's builder.</returns>
    public static IHttpClientBuilder AddInstagramMessaging(this IServiceCollection services, Action<InstagramMessengerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<InstagramMessengerOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InstagramMessengerOptions>, InstagramMessengerOptionsValidator>();

        // One rate budget per process: typed clients are transient, the limiter must not be.
        services.TryAddSingleton<IInstagramRateLimiter>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<InstagramMessengerOptions>>().Value;
            return new InstagramRateLimiter(options.TextMessagesPerSecond, options.AudioVideoMessagesPerSecond, provider.GetService<TimeProvider>());
        });
        return services.AddHttpClient<InstagramMessenger, InstagramMessenger>((http, provider) => new InstagramMessenger(
                http,
                provider.GetRequiredService<IOptions<InstagramMessengerOptions>>().Value,
                provider.GetService<TimeProvider>(),
                provider.GetRequiredService<IInstagramRateLimiter>(),
                provider.GetService<ILogger<InstagramMessenger>>()))
            .RemoveAllLoggers()
            .RedactLoggedHeaders(static _ => true);
    }

    private sealed class InstagramMessengerOptionsValidator : IValidateOptions<InstagramMessengerOptions>
    {
        public ValidateOptionsResult Validate(string? name, InstagramMessengerOptions options)
            => options.FindProblem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
