using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InstagramMessaging.Webhooks;

/// <summary>Maps the Instagram webhook endpoint.</summary>
public static class InstagramWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps Meta's callback URL: GET answers the verification handshake; POST verifies <c>X-Hub-Signature-256</c>
    /// (401 when missing or wrong), parses (400 when malformed), drops duplicates, queues the events and answers 200
    /// at once (413 over <see cref="InstagramWebhookOptions.MaxBodySize"/>, 503 when the queue is full). The handlers
    /// run afterwards, from the hosted dispatcher. Requires <c>services.AddInstagramWebhooks(...)</c>.
    /// </summary>
    /// <param name="endpoints">The application or a route group.</param>
    /// <param name="pattern">The callback path; <c>/webhooks/instagram</c> by default.</param>
    /// <returns>The endpoint's convention builder (to add host filters, rate limiting, metadata...).</returns>
    public static IEndpointConventionBuilder MapInstagramWebhooks(this IEndpointRouteBuilder endpoints, string pattern = "/webhooks/instagram")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var endpoint = endpoints.ServiceProvider.GetService<InstagramWebhookEndpoint>()
            ?? throw new InvalidOperationException("MapInstagramWebhooks needs the webhook services: call services.AddInstagramWebhooks(options => ...) first.");
        return endpoints
            .MapMethods(pattern, [HttpMethods.Get, HttpMethods.Post], new RequestDelegate(endpoint.HandleAsync))
            .WithDisplayName("Instagram webhooks");
    }
}
