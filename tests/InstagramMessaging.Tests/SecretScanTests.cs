using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Xunit;

namespace InstagramMessaging.Tests;

// The README's promise about secrets, on the path it recommends: AddInstagramMessaging in an app's host.
public class SecretScanTests
{
    private const string Token = "scan-page-token-5f1c9e0b7d";
    private const string AppSecret = "scan-app-secret-8a2d4c6e";

    private static readonly string[] Operations =
    {
        "SendAsync", "SendAsync closed window", "ReactAsync", "UnreactAsync", "SendHeartAsync", "SendSenderActionAsync",
        "UploadAttachmentAsync url", "UploadAttachmentAsync stream", "SetIceBreakersAsync", "GetIceBreakersAsync",
        "DeleteIceBreakersAsync", "SetPersistentMenuAsync", "GetPersistentMenuAsync", "DeletePersistentMenuAsync",
    };

    // This test process runs on ASP.NET Core's Microsoft.Extensions.Http (the emulator brings the shared
    // framework), which redacts by default; so the factory is checked here by what it is configured to do, and the
    // text by the console host below, on the version the package declares.
    [Fact]
    public void The_typed_client_has_no_factory_logging_handler_and_redacts_every_header()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInstagramMessaging(o => o.AccessToken = "factory-token");
        using var provider = services.BuildServiceProvider();

        var chain = new List<string>();
        for (HttpMessageHandler? handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(nameof(InstagramMessenger)); handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(handler.GetType().Name);
        }

        Assert.DoesNotContain(chain, name => name.Contains("Logging", StringComparison.Ordinal));
        var options = provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(nameof(InstagramMessenger));
        Assert.True(options.ShouldRedactHeaderValue("Authorization"));
        Assert.True(options.ShouldRedactHeaderValue("X-Anything"));
    }

    [Fact]
    public async Task A_console_host_at_trace_with_listeners_never_sees_the_token_the_secret_or_the_proof()
    {
        var host = typeof(SecretScanTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SecretScanHost").Value!;
        Assert.True(File.Exists(host), $"the console host was not built: {host}");

        await using var server = await GraphApiEmulatorServer.StartAsync();
        server.Emulator.AddAccessToken(Token);
        server.Emulator.CloseWindow("closed");
        server.Emulator.Faults.Seed = 11;
        server.Emulator.Faults.TransientErrorRate = 0.25;
        server.Emulator.Faults.DropAfterProcessingRate = 0.1;
        server.Emulator.Faults.GatewayErrorAfterProcessingRate = 0.1;
        var captureFile = Path.Combine(Path.GetTempPath(), $"secret-scan-{Guid.NewGuid():N}.txt");
        try
        {
            var (exitCode, output) = await RunAsync(host, server.BaseAddress.ToString(), Token, AppSecret, captureFile);
            Assert.True(exitCode == 0, $"the console host failed ({exitCode}):\n{Scrub(output)}");
            var lines = await File.ReadAllLinesAsync(captureFile);

            // What the factory is set to do, on the package's own Microsoft.Extensions.Http (8.x), not ASP.NET Core's.
            Assert.StartsWith("8.", Fact(lines, "m.e.http"));
            Assert.Equal("True", Fact(lines, "redacts-authorization"));
            Assert.DoesNotContain("Logging", Fact(lines, "handlers"));

            // Every operation ran, with a valid and a revoked token, and every failure was typed.
            foreach (var who in new[] { "valid", "revoked" })
            {
                foreach (var operation in Operations)
                {
                    var outcomes = lines.Where(l => l.StartsWith($"outcome {who} | {operation} | ", StringComparison.Ordinal)).Select(l => l.Split(" | ")[2]).ToArray();
                    Assert.True(outcomes.Length == 4, $"{who} {operation}: {outcomes.Length} outcomes");
                    Assert.All(outcomes, o => Assert.True(o == "ok" || o.StartsWith("Instagram", StringComparison.Ordinal), $"{who} {operation} failed with {o}"));
                    if (who == "revoked")
                    {
                        Assert.All(outcomes, o => Assert.Equal(nameof(InstagramAccessTokenException), o));
                    }
                }
            }

            Assert.Contains(lines, l => l.StartsWith("outcome valid | SendAsync closed window | InstagramWindowClosedException", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains(nameof(InstagramOutcomeUnknownException), StringComparison.Ordinal));

            // The scan saw every channel: the client's Trace lines, its retries, both activity sources, both meters.
            Assert.Contains(lines, l => l.StartsWith("log Trace InstagramMessaging.InstagramMessenger | Sending", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("log Warning InstagramMessaging.InstagramMessenger", StringComparison.Ordinal) && l.Contains("retry", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("activity InstagramMessaging | instagram messages", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("activity System.Net.Http", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("metric InstagramMessaging | instagram.messaging.sent", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("metric System.Net.Http", StringComparison.Ordinal));

            var leaks = lines.Select((line, index) => (line, index))
                .Where(l => l.line.Contains(Token, StringComparison.Ordinal) || l.line.Contains(AppSecret, StringComparison.Ordinal)
                    || l.line.Contains("appsecret_proof", StringComparison.OrdinalIgnoreCase) || l.line.Contains("appsecret_time", StringComparison.OrdinalIgnoreCase))
                .Select(l => $"line {l.index}: {Scrub(l.line)}")
                .ToArray();
            Assert.True(leaks.Length == 0, $"{leaks.Length} captured lines hold a secret or the proof:\n{string.Join('\n', leaks.Take(20))}");

            // The emulator's own records print no token either (test failures copy them into CI logs).
            Assert.Contains(server.Emulator.Requests, r => r.Authorization == "Bearer " + Token);
            Assert.All(server.Emulator.Requests, r => Assert.DoesNotContain(Token, r.ToString()));
        }
        finally
        {
            File.Delete(captureFile);
        }
    }

    private static string Fact(string[] lines, string name)
        => lines.Single(l => l.StartsWith($"fact {name} ", StringComparison.Ordinal))[$"fact {name} ".Length..];

    private static string Scrub(string text)
        => text.Replace(Token, "<TOKEN>", StringComparison.Ordinal).Replace(AppSecret, "<APP SECRET>", StringComparison.Ordinal);

    private static async Task<(int ExitCode, string Output)> RunAsync(string dll, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, new StringBuilder().Append(await stdout).Append(await stderr).ToString());
    }
}
