using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace InstagramMessaging.Package.Tests;

/// <summary>Packs the packages once, with a version no cache has seen, and lays out a consumer next to them.</summary>
public sealed class PackedPackageFixture : IDisposable
{
    public PackedPackageFixture()
    {
        RepositoryRoot = FindRoot();
        WorkDirectory = Directory.CreateTempSubdirectory("igm-package-").FullName;
        PackagesDirectory = Path.Combine(WorkDirectory, "packages");
        Version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

        foreach (var project in new[] { "src/InstagramMessaging/InstagramMessaging.csproj", "src/InstagramMessaging.Testing/InstagramMessaging.Testing.csproj", "src/InstagramMessaging.AspNetCore/InstagramMessaging.AspNetCore.csproj" })
        {
            var (exit, output) = DotNet.Run(RepositoryRoot, "pack", project, "-c", "Release", "-o", PackagesDirectory, $"-p:Version={Version}");
            Assert.True(exit == 0, $"dotnet pack {project} failed:\n{output}");
        }

        ConsumerDirectory = LayOut("PackageConsumer", "consumer");
        WebhookConsumerDirectory = LayOut("PackageWebhookConsumer", "webhook-consumer");
    }

    public string RepositoryRoot { get; }

    public string WorkDirectory { get; }

    public string PackagesDirectory { get; }

    public string ConsumerDirectory { get; }

    /// <summary>A web app on the AspNetCore package; the test writes its Program.cs.</summary>
    public string WebhookConsumerDirectory { get; }

    public string Version { get; }

    public string Package(string id) => Path.Combine(PackagesDirectory, $"{id}.{Version}.nupkg");

    public (int ExitCode, string Output) Consumer(params string[] arguments)
        => DotNet.Run(ConsumerDirectory, [.. arguments, $"-p:InstagramMessagingVersion={Version}"]);

    public (int ExitCode, string Output) WebhookConsumer(params string[] arguments)
        => DotNet.Run(WebhookConsumerDirectory, [.. arguments, $"-p:InstagramMessagingVersion={Version}"]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a build server; the temp folder is cleaned by the OS.
        }
    }

    // A copy of tests/<project> outside the repository, restoring from the freshly packed packages only.
    private string LayOut(string project, string directory)
    {
        var to = Path.Combine(WorkDirectory, directory);
        CopyDirectory(Path.Combine(RepositoryRoot, "tests", project), to);
        File.WriteAllText(Path.Combine(to, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="freshly-packed" value="{PackagesDirectory}" />
              </packageSources>
            </configuration>
            """);
        return to;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }

    private static string FindRoot([CallerFilePath] string file = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
}
