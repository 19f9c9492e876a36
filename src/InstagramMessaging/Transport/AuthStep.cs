using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace InstagramMessaging.Transport;

// Step: authentication. The token goes in the Authorization header; with an app secret, each attempt's address
// carries appsecret_proof (and appsecret_time, computed per attempt). The proof is an HMAC of the token, safe in
// a URL; the token itself never is.
internal sealed class AuthStep
{
    private readonly AuthenticationHeaderValue _authorization;
    private readonly AppSecretProofStyle _style;
    private readonly byte[]? _key;
    private readonly string _token;
    private readonly string? _classicProof;
    private readonly TimeProvider _time;

    public AuthStep(InstagramMessengerOptions options, TimeProvider time)
    {
        _token = options.AccessToken!;
        _authorization = new AuthenticationHeaderValue("Bearer", _token);
        _time = time;
        _style = options.AppSecretProof;
        if (!string.IsNullOrEmpty(options.AppSecret))
        {
            _key = Encoding.UTF8.GetBytes(options.AppSecret);
            _classicProof = ComputeProof(_key, Encoding.UTF8.GetBytes(_token));
        }
    }

    public static string ComputeProof(byte[] appSecret, byte[] message)
        => Convert.ToHexString(HMACSHA256.HashData(appSecret, message)).ToLowerInvariant();

    public void Authorize(HttpRequestMessage request) => request.Headers.Authorization = _authorization;

    public Uri Address(GraphEndpoint endpoint)
    {
        if (_key is null)
        {
            return endpoint.Uri;
        }

        var separator = endpoint.HasQuery ? "&" : "?";
        if (_style == AppSecretProofStyle.Classic)
        {
            return new Uri($"{endpoint.Text}{separator}appsecret_proof={_classicProof}");
        }

        var time = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var proof = ComputeProof(_key, Encoding.UTF8.GetBytes($"{_token}|{time}"));
        return new Uri($"{endpoint.Text}{separator}appsecret_proof={proof}&appsecret_time={time}");
    }
}
