using System;
using System.Collections.Concurrent;

namespace InstagramMessaging.Testing;

// The tokens the emulator accepts, and the check every request passes: each token it carries must be valid,
// wherever it travelled (header, query, form field).
internal sealed class AccessTokens
{
    private readonly ConcurrentDictionary<string, byte> _tokens = new(StringComparer.Ordinal);

    public void Add(string token) => _tokens.TryAdd(token, 0);

    public void Revoke(string token) => _tokens.TryRemove(token, out _);

    public GraphError? Authenticate(RequestParameters parameters)
    {
        if (parameters.Tokens.Count == 0)
        {
            return new GraphError(400, 190, null,
                "An active access token must be used: send it as 'Authorization: Bearer <token>', or as the access_token query parameter or form field.");
        }

        foreach (var token in parameters.Tokens)
        {
            if (!_tokens.ContainsKey(token))
            {
                return new GraphError(400, 190, 467, "Invalid OAuth access token - Cannot parse access token");
            }
        }

        return null;
    }
}
