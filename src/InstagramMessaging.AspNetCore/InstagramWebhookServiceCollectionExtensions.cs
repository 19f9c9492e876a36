using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InstagramMessaging.Webhooks;

/// <summary>Registers the Instagram webhook endpoint's services.</summary>
public static class InstagramWebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <c>app.MapInstagramWebhooks()</c> needs: the options (validated at start), the in-memory
    /// dedupe store and queue (each replaced by registering another <see cref="IInstagramWebhookDedupeStore"/> or
    /// <see cref="IInstagramWebhookQueue"/>), and the hosted dispatcher that calls the handlers.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the verify token, the app secrets and the limits.</param>
    /// <returns>A builder to add handlers with (<see cref="InstagramWebhookBuilder.AddHandler{THandler}"/>).</returns>
    public static InstagramWebhookBuilder AddInstagramWebhooks(this IServiceCollection services, Action<InstagramWebhookOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<InstagramWebhookOptions>().Configure(configure).ValidateOnStart();
        var handlerTypes = FindHandlerTypes(services);
        if (handlerTypes is not null)
        {
            return new InstagramWebhookBuilder(services, handlerTypes.Types);
        }

        handlerTypes = new HandlerTypes();
        services.AddSingleton(handlerTypes);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InstagramWebhookOptions>, InstagramWebhookOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton<IInstagramWebhookQueue>(static provider =>
            new InMemoryWebhookQueue(provider.GetRequiredService<IOptions<InstagramWebhookOptions>>().Value.QueueCapacity));
        services.TryAddSingleton<IInstagramWebhookDedupeStore>(static provider =>
            new InMemoryWebhookDedupeStore(
                provider.GetRequiredService<IOptions<InstagramWebhookOptions>>().Value.DedupeCapacity,
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider.GetRequiredService<ILogger<InMemoryWebhookDedupeStore>>()));
        services.TryAddSingleton<InstagramWebhookEndpoint>();
        services.AddHostedService<InstagramWebhookDispatcher>();
        return new InstagramWebhookBuilder(services, handlerTypes.Types);
    }

    private static HandlerTypes? FindHandlerTypes(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(HandlerTypes) && descriptor.ImplementationInstance is HandlerTypes found)
            {
                return found;
            }
        }

        return null;
    }

    // Remembers which handler types were added, so AddInstagramWebhooks and AddHandler<T> can be called again safely.
    private sealed class HandlerTypes
    {
        public HashSet<Type> Types { get; } = [];
    }
}
