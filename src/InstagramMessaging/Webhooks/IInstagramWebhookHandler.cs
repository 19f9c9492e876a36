using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Handles webhook events. Register with <c>services.AddInstagramWebhooks(...).AddHandler&lt;T&gt;()</c>; every handler
/// sees every event (echoes included: check the type before answering). Events of one customer arrive in order.
/// </summary>
public interface IInstagramWebhookHandler
{
    /// <summary>Handles one event. An exception is logged and counted; it never reaches Meta.</summary>
    ValueTask HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken);
}
