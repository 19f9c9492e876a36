using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing.Tests;

// Talks to a GraphApiEmulatorServer as the conversation page and an app do: the page's JSON API, and raw Send API calls.
internal sealed class PageApiClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await _http.GetAsync("_emulator/api/" + path);
        var text = await response.Content.ReadAsStringAsync();
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(text)!;
    }

    public async Task<(int Status, JsonNode Body)> PostAsync(string path, object? body = null)
    {
        var json = body is null ? "{}" : System.Text.Json.JsonSerializer.Serialize(body);
        using var response = await _http.PostAsync("_emulator/api/" + path, new StringContent(json, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    // The business's Send API call; the token in the header, or in the URL when asked.
    public async Task<(int Status, JsonNode Body)> SendAsync(string json, bool tokenInUrl = false)
    {
        var path = "v25.0/me/messages" + (tokenInUrl ? "?access_token=" + GraphApiEmulator.DefaultAccessToken : string.Empty);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (!tokenInUrl)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GraphApiEmulator.DefaultAccessToken);
        }

        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public Task<HttpResponseMessage> RawGetAsync(string path, HttpCompletionOption option = HttpCompletionOption.ResponseContentRead)
        => _http.GetAsync(path, option);

    public void Dispose() => _http.Dispose();
}
