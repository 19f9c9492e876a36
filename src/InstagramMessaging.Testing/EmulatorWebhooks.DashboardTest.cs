using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

// The App Dashboard's "Test" button (spec §3.1): Meta's fixed sample, not real traffic.
public sealed partial class EmulatorWebhooks
{
    /// <summary>
    /// Posts what the App Dashboard's <b>Test</b> button sends for the <c>messages</c> field: Meta's fixed sample with
    /// <c>entry.id</c> <c>"0"</c>, sender <c>12334</c>, recipient <c>23245</c>, a string <c>timestamp</c> and message
    /// <c>random_mid</c>/<c>random_text</c>. Instagram Login sends it in the <c>changes</c> form, compact and in the
    /// key order of Meta's sample (<c>{"object":"instagram","entry":[{"id":"0","time":...,"changes":[{"field":"messages","value":{...}}]}]}</c>,
    /// <c>entry.time</c> in seconds, the only part that is not fixed); Facebook Login in the compact <c>messaging[]</c>
    /// form (<c>entry.time</c> in milliseconds). An app should acknowledge it and not treat it as a customer.
    /// </summary>
    /// <remarks>
    /// Signed with that flavour's secret (<see cref="InstagramLoginAppSecret"/> or <see cref="FacebookLoginAppSecret"/>)
    /// and Meta's headers, posted once (the dashboard shows the answer and does not retry), recorded in
    /// <see cref="Attempts"/>. Like the real button it bypasses the account's subscription: no
    /// faults, sent even while <see cref="IsSubscriptionDisabled"/>, and it does not count towards the failure span.
    /// </remarks>
    /// <param name="flavor">Which dashboard's button: Instagram Login or Facebook Login; null (the default) for <see cref="LoginFlavor"/>.</param>
    /// <param name="cancellationToken">Stops waiting (the attempt has its own <see cref="Timeout"/>).</param>
    /// <returns>The attempt, with the app's answer.</returns>
    /// <exception cref="InvalidOperationException">No callback was set with <c>DeliverTo</c>.</exception>
    public async Task<WebhookDeliveryAttempt> SendDashboardTestAsync(WebhookLoginFlavor? flavor = null, CancellationToken cancellationToken = default)
    {
        var target = _target ?? throw new InvalidOperationException("Call DeliverTo before SendDashboardTestAsync: there is no callback to post to.");
        var now = _time.GetUtcNow();
        var dashboard = flavor ?? LoginFlavor;
        var body = dashboard switch
        {
            WebhookLoginFlavor.InstagramLogin =>
                "{\"object\":\"instagram\",\"entry\":[{\"id\":\"0\",\"time\":" + now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
                + ",\"changes\":[{\"field\":\"messages\",\"value\":" + DashboardSampleCompact + "}]}]}",
            WebhookLoginFlavor.FacebookLogin =>
                "{\"object\":\"instagram\",\"entry\":[{\"time\":" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
                + ",\"id\":\"0\",\"messaging\":[" + DashboardSampleCompact + "]}]}",
            _ => throw new ArgumentOutOfRangeException(nameof(flavor), flavor, "Not a login flavor."),
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        var delivery = new PreparedDelivery(target, Interlocked.Increment(ref _deliveries), bytes, Sign(bytes, Encoding.UTF8.GetBytes(SecretOf(dashboard))), 1);
        return await AttemptAsync(delivery, 1).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private const string DashboardSampleCompact =
        "{\"sender\":{\"id\":\"12334\"},\"recipient\":{\"id\":\"23245\"},\"timestamp\":\"1527459824\",\"message\":{\"mid\":\"random_mid\",\"text\":\"random_text\"}}";
}
