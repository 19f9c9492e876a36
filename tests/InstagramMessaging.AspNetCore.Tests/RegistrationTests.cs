using System;
using System.Linq;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace InstagramMessaging.AspNetCore.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task A_host_without_an_app_secret_fails_to_start_with_a_clear_message()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddInstagramWebhooks(o => o.VerifyToken = "t");
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("AppSecrets needs at least one app secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_without_AddInstagramWebhooks_says_what_is_missing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapInstagramWebhooks());

        Assert.Contains("services.AddInstagramWebhooks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handlers_are_ordinary_scoped_services_registered_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton<RecordedEvents>();
        services.AddInstagramWebhooks(o => o.AppSecrets.Add("s")).AddHandler<RecordingHandler>().AddHandler<RecordingHandler>();
        services.AddInstagramWebhooks(o => { }).AddHandler<RecordingHandler>().AddHandler<SampleBotHandler>();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.Equal([typeof(RecordingHandler), typeof(SampleBotHandler)], scope.ServiceProvider.GetServices<IInstagramWebhookHandler>().Select(h => h.GetType()));
        Assert.Same(scope.ServiceProvider.GetRequiredService<RecordingHandler>(), scope.ServiceProvider.GetServices<IInstagramWebhookHandler>().First());
        Assert.Single(services, d => d.ImplementationType == typeof(InstagramWebhookDispatcher));
    }

    [Fact]
    public void A_queue_or_dedupe_store_registered_by_the_app_replaces_the_in_memory_one()
    {
        var services = new ServiceCollection();
        var queue = new InMemoryWebhookQueue(1);
        services.AddInstagramWebhooks(o => o.AppSecrets.Add("s"));
        services.AddSingleton<IInstagramWebhookQueue>(queue);
        using var provider = services.BuildServiceProvider();

        Assert.Same(queue, provider.GetRequiredService<IInstagramWebhookQueue>());
        Assert.IsType<InMemoryWebhookDedupeStore>(provider.GetRequiredService<IInstagramWebhookDedupeStore>());
    }
}
