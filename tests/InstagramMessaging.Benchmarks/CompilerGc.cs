using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Threading.Tasks;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// The benchmarks of what runs inside the compiler (the generator, the analyzers) run with the garbage collector the
/// compiler runs with: the SDK's csc and VBCSCompiler set <c>System.GC.Server: true</c> in their runtimeconfig. With
/// workstation GC (this process's default) a collection started by any thread stops the analyzers' callbacks too,
/// and Roslyn's per-analyzer clock counts that pause as the analyzers' time. <c>workstation-gc</c> on the command
/// line keeps the default, to compare.
/// </summary>
public static class CompilerGc
{
    /// <summary>True when this process already runs as the compiler would, or was asked to stay on workstation GC.</summary>
    public static bool InProcess(string[] args) => GCSettings.IsServerGC || args.Contains("workstation-gc");

    /// <summary>Runs this benchmark program again with server GC for <paramref name="part"/> (the arguments after the
    /// first kept), with its output on this console; returns the child's exit code.</summary>
    public static async Task<int> RunWithServerGcAsync(string part, string[] args)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(CompilerGc).Assembly.Location);
        }

        start.ArgumentList.Add(part);
        foreach (var argument in args.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_gcServer"] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self}.");
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
