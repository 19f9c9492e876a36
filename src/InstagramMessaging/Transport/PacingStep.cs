using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Transport;

// Step: pacing. Each attempt takes a token of its traffic class from the account's budget; when Meta throttles
// the account anyway, the whole account pauses.
internal sealed class PacingStep
{
    private readonly IInstagramRateLimiter _limiter;
    private readonly string _account;

    public PacingStep(InstagramMessengerOptions options, IInstagramRateLimiter limiter)
    {
        _limiter = limiter;

        // The account a rate budget belongs to: the page and a digest of the token, never the token itself.
        _account = options.AccountKey ?? $"{options.PageId}#{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(options.AccessToken!)), 0, 6)}";
    }

    public ValueTask AcquireAsync(TrafficClass trafficClass, CancellationToken cancellationToken)
        => _limiter.AcquireAsync(_account, trafficClass, cancellationToken);

    public void OnThrottled(InstagramRateLimitedException exception) => _limiter.OnThrottled(_account, exception.RetryAfter);
}
