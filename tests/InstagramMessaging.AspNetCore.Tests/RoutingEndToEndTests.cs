using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InstagramMessaging.AspNetCore.Tests;

// Issue 13 end to end: the app sends its payloads through the emulator, the simulated customer taps and presses
// every one it was offered, the webhooks cross real loopback HTTP, and the generated dispatch calls the right method.
public sealed class RoutingEndToEndTests
{
    [Fact]
    public async Task The_customer_taps_each_offered_payload_and_its_own_handler_runs()
    {
        await using var host = await WebhookTestHost.StartAsync(
            handlers: webhooks => webhooks.AddHandler<RoutedShop>(),
            services: services => services.AddSingleton<RouteLog>());
        var emulator = new GraphApiEmulator();
        emulator.Webhooks.AppSecret = WebhookTestHost.Secret;
        emulator.Webhooks.VerifyToken = WebhookTestHost.VerifyToken;
        emulator.Webhooks.DeliverEchoes = false;
        emulator.Webhooks.DeliverTo(new Uri(host.Client.BaseAddress!, "/webhooks/instagram"));
        using var http = emulator.CreateHttpClient();
        var messenger = new InstagramMessenger(http, new InstagramMessengerOptions { AccessToken = GraphApiEmulator.DefaultAccessToken });

        var customer = emulator.User("7241980365028173");
        await customer.SendTextAsync("Hello!");
        await new ShopMenu("How can we help?").SendAsync(messenger, Recipient.Id(customer.Id));
        await new ShopCards(new[]
        {
            new GenericElement("Denim jacket") { Subtitle = "S to XL", Buttons = new[] { Button.Postback("I want it", RoutedShop.BuyJacket) } },
            new GenericElement("Wool beanie") { Subtitle = "Five colours", Buttons = new[] { Button.Postback("I want it", RoutedShop.BuyBeanie) } },
        }).SendAsync(messenger, Recipient.Id(customer.Id));
        await messenger.SetIceBreakersAsync(new[] { new IceBreakerSet("default", new[] { new IceBreaker("What are your opening hours?", RoutedShop.Hours) }) });

        Assert.Equal(new[] { RoutedShop.OrderStatus, RoutedShop.Returns, RoutedShop.Human }.ToHashSet(), customer.OfferedQuickReplies.ToHashSet());
        Assert.Equal(new[] { RoutedShop.BuyJacket, RoutedShop.BuyBeanie, RoutedShop.Hours }.ToHashSet(), customer.OfferedPostbacks.ToHashSet());
        foreach (var payload in customer.OfferedQuickReplies)
        {
            await customer.TapQuickReplyAsync(payload);
        }

        foreach (var payload in customer.OfferedPostbacks)
        {
            await customer.PressPostbackAsync(payload);
        }

        await WaitForAsync(host.Services.GetRequiredService<RouteLog>(), 7);
        var calls = host.Services.GetRequiredService<RouteLog>().Calls.ToHashSet();
        Assert.Equal(
            new[]
            {
                ("Text", (string?)"Hello!"),
                ("TrackOrder", RoutedShop.OrderStatus), ("StartReturn", RoutedShop.Returns), ("HandOver", RoutedShop.Human),
                ("Jacket", RoutedShop.BuyJacket), ("Beanie", RoutedShop.BuyBeanie), ("OpeningHours", RoutedShop.Hours),
            }.ToHashSet(),
            calls);
    }

    [Fact]
    public async Task The_accounts_own_self_messages_taps_and_presses_reach_no_route_over_http()
    {
        await using var host = await WebhookTestHost.StartAsync(
            handlers: webhooks => webhooks.AddHandler<RecordingHandler>().AddHandler<RoutedShop>(),
            services: services => services.AddSingleton<RouteLog>());

        // The account messages itself (a preview, a tap, a press of its own button), then a customer writes.
        var response = await host.PostAsync(WebhookBodies.Delivery(
            WebhookBodies.Self("m_self", "preview"),
            WebhookBodies.Self("m_self_tap", "Track my order", RoutedShop.OrderStatus),
            WebhookBodies.Postback(WebhookBodies.Account, "m_self_press", RoutedShop.BuyJacket, isSelf: true),
            WebhookBodies.Message("7241980365028173", "m_in", "Hello!"),
            WebhookBodies.Postback("7241980365028173", "m_press", RoutedShop.BuyBeanie)));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await host.Recorded.WaitForAsync(5);
        Assert.True(host.Recorded.Events.OfType<InstagramMessaging.Webhooks.MessageReceivedEvent>().Count(m => m.IsSelf) == 2, "the self messages were delivered to handlers");
        var log = host.Services.GetRequiredService<RouteLog>();
        await WaitForAsync(log, 2);

        // Stopping drains every lane: a self event wrongly routed after the customer's would be in the log by then.
        await host.DisposeAsync();
        Assert.Equal(new[] { ("Text", (string?)"Hello!"), ("Beanie", RoutedShop.BuyBeanie) }.ToHashSet(), log.Calls.ToHashSet());
    }

    private static async Task WaitForAsync(RouteLog log, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (log.Calls.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }

        await Task.Delay(100); // a stray extra call would show up now
    }
}
