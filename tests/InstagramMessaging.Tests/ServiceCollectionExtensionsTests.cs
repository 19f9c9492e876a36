using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace InstagramMessaging.Tests;

public class ServiceCollectionExtensionsTests
{
    [Fact]
    public async Task The_messenger_is_a_typed_client_of_the_http_client_factory()
    {
        var emulator = new GraphApiEmulator();
        var services = new ServiceCollection();
        services.AddInstagramMessaging(o => o.AccessToken = GraphApiEmulator.DefaultAccessToken)
            .ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var messenger = provider.GetRequiredService<InstagramMessenger>();
        var result = await new TextMessage("through DI").SendAsync(messenger, Recipient.Id("7"));

        Assert.Equal(result.MessageId, Assert.Single(emulator.Conversation("7")).MessageId);
    }

    [Fact]
    public void Invalid_options_fail_validation_naming_the_setting_without_secrets()
    {
        var services = new ServiceCollection();
        services.AddInstagramMessaging(o =>
        {
            o.AccessToken = "secret-token-123";
            o.ApiVersion = "v25.0/extra";
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InstagramMessengerOptions>>().Value);

        Assert.Contains("ApiVersion", ex.Message);
        Assert.DoesNotContain("secret-token-123", ex.Message);
    }

    [Fact]
    public void A_missing_token_is_reported_at_startup_validation()
    {
        var services = new ServiceCollection();
        services.AddInstagramMessaging(_ => { });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("AccessToken", ex.Message);
    }
}
