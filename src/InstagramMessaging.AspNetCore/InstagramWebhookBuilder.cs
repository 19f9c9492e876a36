using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InstagramMessaging.Webhooks;

/// <summary>Adds handlers to the webhook pipeline that <c>services.AddInstagramWebhooks(...)</c> set up.</summary>
public sealed class InstagramWebhookBuilder
{
    private readonly HashSet<Type> _handlerTypes;

    internal InstagramWebhookBuilder(IServiceCollection services, HashSet<Type> handlerTypes)
    {
        Services = services;
        _handlerTypes = handlerTypes;
    }

    /// <summary>The service collection the webhooks are registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers <typeparamref name="THandler"/> (scoped, as an ordinary service: a new instance per event, resolved
    /// in that event's scope) and calls it on every event. Adding the same type twice registers it once.
    /// </summary>
    /// <typeparam name="THandler">The handler; its constructor takes what it needs from DI.</typeparam>
    public InstagramWebhookBuilder AddHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where THandler : class, IInstagramWebhookHandler
    {
        if (_handlerTypes.Add(typeof(THandler)))
        {
            Services.TryAddScoped<THandler>();
            Services.AddScoped<IInstagramWebhookHandler>(static provider => provider.GetRequiredService<THandler>());
        }

        return this;
    }
}
