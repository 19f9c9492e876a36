using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace InstagramMessaging.Testing.Tests;

// The instagram-emulator tool as a user runs it: a process that prints where it listens and its secrets, runs the
// handshake against the forward target, and prints one line per delivery.
public sealed class EmulatorToolTests
{
    [Fact]
    public async Task The_tool_verifies_the_app_prints_its_settings_and_one_line_per_delivery()
    {
        await using var app = await FakeWebhookReceiver.StartAsync("tool-secret", "tool-verify");
        using var tool = Start($"--port 0 --forward-to {app.Url} --app-secret tool-secret --verify-token tool-verify");
        try
        {
            var ready = await tool.WaitForLineAsync(l => l.StartsWith("Instagram emulator ready on ", StringComparison.Ordinal));
            var baseAddress = new Uri(ready["Instagram emulator ready on ".Length..].Trim());
            await tool.WaitForLineAsync(l => l.Contains("Verification handshake: the app answered 200 with the challenge", StringComparison.Ordinal));
            // Secrets the user passed are not echoed (they may be real; consoles end up in logs).
            Assert.Contains(tool.Lines, l => l.Contains("App secret:", StringComparison.Ordinal) && l.EndsWith("(as given with --app-secret)", StringComparison.Ordinal));
            Assert.Contains(tool.Lines, l => l.Contains("Verify token:", StringComparison.Ordinal) && l.EndsWith("(as given with --verify-token)", StringComparison.Ordinal));
            Assert.DoesNotContain(tool.Lines, l => l.Contains("tool-secret", StringComparison.Ordinal) || l.Contains("tool-verify", StringComparison.Ordinal));
            Assert.Contains(tool.Lines, l => l.Contains("Access token:", StringComparison.Ordinal) && l.EndsWith(GraphApiEmulator.DefaultAccessToken, StringComparison.Ordinal));

            using var api = new PageApiClient(baseAddress);
            var (status, _) = await api.PostAsync("conversations/1234567890123456/text", new { text = "Hello from the tool" });

            Assert.Equal(200, status);
            var line = await tool.WaitForLineAsync(l => l.Contains("--> message", StringComparison.Ordinal));
            Assert.Matches(@"^\d\d:\d\d:\d\d  --> message  <-- \[200\] \d+ ms  delivery 1$", line);
            Assert.Equal("Hello from the tool", Assert.Single(app.Items).GetProperty("message").GetProperty("text").GetString());

            // `kill` (SIGTERM) stops it cleanly, as Ctrl+C does.
            using (var kill = Process.Start("kill", $"-TERM {tool.Process.Id}"))
            {
                await kill.WaitForExitAsync();
            }

            await tool.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(0, tool.Process.ExitCode);
        }
        finally
        {
            tool.Stop();
        }
    }

    [Fact]
    public async Task Without_options_the_tool_prints_the_secrets_it_made_up_for_the_app_to_use()
    {
        using var tool = Start("--port 0");
        try
        {
            var secret = await tool.WaitForLineAsync(l => l.Contains("App secret:", StringComparison.Ordinal));
            var token = await tool.WaitForLineAsync(l => l.Contains("Verify token:", StringComparison.Ordinal));

            Assert.Matches("^  App secret: +[0-9a-f]{32}$", secret);
            Assert.Matches("^  Verify token: +[0-9a-f]{24}$", token);
        }
        finally
        {
            tool.Stop();
        }
    }

    [Fact]
    public async Task A_bad_option_is_refused_with_how_to_get_help()
    {
        using var tool = Start("--forward-to not-a-url");

        await tool.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, tool.Process.ExitCode);
        Assert.Contains("absolute http or https URL", tool.Errors, StringComparison.Ordinal);
    }

    private static ToolProcess Start(string arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "InstagramMessaging.Emulator.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return new ToolProcess(Process.Start(info)!);
    }

    private sealed class ToolProcess : IDisposable
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly ConcurrentQueue<string> _errors = new();

        public ToolProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    _lines.Enqueue(e.Data);
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    _errors.Enqueue(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string[] Lines => _lines.ToArray();

        public string Errors => string.Join('\n', _errors);

        public async Task<string> WaitForLineAsync(Func<string, bool> match)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                if (_lines.FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                if (Process.HasExited)
                {
                    break;
                }

                await Task.Delay(25);
            }

            throw new TimeoutException("The tool never printed the expected line. Output:\n" + string.Join('\n', _lines) + "\nErrors:\n" + Errors);
        }

        public void Stop()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit(10_000);
            }
        }

        public void Dispose()
        {
            Stop();
            Process.Dispose();
        }
    }
}
