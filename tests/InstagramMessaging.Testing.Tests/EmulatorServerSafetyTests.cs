using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace InstagramMessaging.Testing.Tests;

// The emulator accepts a public default token: it must never listen beyond its own loopback endpoint, must not
// grow without bound under load, and must not print the tokens it receives.
[Collection(nameof(EmulatorServerSafetyTests))] // sets process-wide environment variables: runs alone
[CollectionDefinition(nameof(EmulatorServerSafetyTests), DisableParallelization = true)]
public class EmulatorServerSafetyTests
{
    [Fact]
    public async Task The_server_binds_only_its_own_loopback_endpoint_whatever_the_configuration()
    {
        var extra = new IPEndPoint(IPAddress.Parse("127.0.0.5"), FreePort(IPAddress.Parse("127.0.0.5")));
        var urls = new IPEndPoint(IPAddress.Parse("127.0.0.6"), FreePort(IPAddress.Parse("127.0.0.6")));
        var variables = new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Extra__Url"] = $"http://{extra}",
            ["ASPNETCORE_URLS"] = $"http://{urls}",
            ["URLS"] = $"http://{urls}",
            ["DOTNET_URLS"] = $"http://{urls}",
        };
        var saved = variables.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            await using var server = await GraphApiEmulatorServer.StartAsync();

            Assert.Equal("127.0.0.1", server.BaseAddress.Host);
            foreach (var endpoint in new[] { extra, urls })
            {
                using var client = new TcpClient();
                await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(endpoint.Address, endpoint.Port));
            }

            using var http = new HttpClient();
            using var answer = await http.GetAsync(new Uri(server.BaseAddress, "v25.0/me/messages"));
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode); // the emulator answered: no token
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public async Task Request_records_are_bounded_and_the_oldest_are_dropped()
    {
        var emulator = new GraphApiEmulator();
        Assert.Equal(1000, emulator.MaxRecordedRequests);
        emulator.MaxRecordedRequests = 3;
        using var http = emulator.CreateHttpClient();
        for (var i = 0; i < 10; i++)
        {
            using var content = new StringContent($"{{\"n\":{i}}}", Encoding.UTF8, "application/json");
            using var _ = await http.PostAsync("https://graph.facebook.com/v25.0/me/messages", content);
        }

        Assert.Equal(new[] { "{\"n\":7}", "{\"n\":8}", "{\"n\":9}" }, emulator.Requests.Select(r => r.Body).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.MaxRecordedRequests = -1);
    }

    [Fact]
    public async Task A_request_record_prints_neither_the_token_nor_the_proof()
    {
        var emulator = new GraphApiEmulator();
        using var http = emulator.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://graph.facebook.com/v25.0/me/messages?appsecret_proof=f00dfeed1234&appsecret_time=1")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "record-token-0123456789");
        using var _ = await http.SendAsync(request);

        var record = Assert.Single(emulator.Requests);
        var text = record.ToString();
        Assert.Equal("Bearer record-token-0123456789", record.Authorization);
        Assert.DoesNotContain("record-token-0123456789", text);
        Assert.DoesNotContain("f00dfeed1234", text);
        Assert.Contains("POST /v25.0/me/messages", text);
        Assert.Contains("Bearer ***", text);
    }

    private static int FreePort(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
