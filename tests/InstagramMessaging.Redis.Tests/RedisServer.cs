using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace InstagramMessaging.Redis.Tests;

// A throwaway redis-server on 127.0.0.1, a free port and no persistence, started and stopped by the test. Found
// through REDIS_SERVER (a path) or on PATH.
public sealed class RedisServer : IDisposable
{
    private readonly string _executable;
    private Process? _process;

    public RedisServer()
    {
        _executable = FindExecutable()
            ?? throw new InvalidOperationException("redis-server not found (CI=true): apt-get install redis-server, or set REDIS_SERVER to its path.");
        Port = FreePort();
        Start();
    }

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static string? FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("REDIS_SERVER") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "redis-server");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public void Start()
    {
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--enable-debug-command", "local" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on port {Port} within 10 s.");
    }

    public void Stop()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
