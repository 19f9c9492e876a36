using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing.Tests;

// Raw requests to the emulator's Graph API edges, and the error code of its answer: the tests that speak to the
// emulator as Meta's own examples do, with no client of ours in between.
internal static class RawGraphRequests
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(GraphApiEmulator emulator, HttpMethod method, string path, HttpContent? content)
    {
        using var http = emulator.CreateHttpClient();
        using var request = new HttpRequestMessage(method, "https://graph.facebook.com" + path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GraphApiEmulator.DefaultAccessToken);
        using var response = await http.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(GraphApiEmulator emulator, string json, string path = "/v25.0/me/messages")
        => SendAsync(emulator, HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static (int Code, int? Subcode) Error(JsonElement body)
    {
        var error = body.GetProperty("error");
        return (error.GetProperty("code").GetInt32(), error.TryGetProperty("error_subcode", out var s) ? s.GetInt32() : null);
    }
}
