using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Xunit;

namespace InstagramMessaging.Package.Tests;

// The packages as a user meets them: restored from a feed, built by the compiler, run.
public class PackedPackageTests : IClassFixture<PackedPackageFixture>
{
    private const string OldestServedCompiler = "4.14.0";
    private static readonly Version OldestSupportedRoslyn = new(4, 8, 0, 0);
    private readonly PackedPackageFixture _packages;

    public PackedPackageTests(PackedPackageFixture packages) => _packages = packages;

    [Fact]
    public void The_package_holds_the_runtime_the_analyzers_the_code_fixes_and_the_build_glue()
    {
        using var zip = ZipFile.OpenRead(_packages.Package("InstagramMessaging"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("lib/net8.0/InstagramMessaging.dll", entries);
        Assert.Contains("lib/net8.0/InstagramMessaging.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/InstagramMessaging.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/InstagramMessaging.CodeFixes.dll", entries);
        Assert.Contains("build/InstagramMessaging.props", entries);
        Assert.Contains("build/InstagramMessaging.targets", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("InstagramMessaging")]
    [InlineData("InstagramMessaging.Testing")]
    [InlineData("InstagramMessaging.AspNetCore")]
    public void Package_metadata_is_complete(string id)
    {
        using var zip = ZipFile.OpenRead(_packages.Package(id));
        using var nuspec = zip.GetEntry($"{id}.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().First(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;

        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Equal("MIT", Value("license"));
        Assert.Contains("instagram", Value("tags"));
        Assert.Equal("README.md", Value("readme"));
        Assert.NotNull(metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "repository"));
        Assert.True(File.Exists(Path.ChangeExtension(_packages.Package(id), ".snupkg")), "symbols package missing");
    }

    [Fact]
    public void The_AspNetCore_package_brings_the_main_package_with_its_generator_and_build_glue()
    {
        using var zip = ZipFile.OpenRead(_packages.Package("InstagramMessaging.AspNetCore"));
        Assert.Contains("lib/net8.0/InstagramMessaging.AspNetCore.dll", zip.Entries.Select(e => e.FullName));
        using var nuspec = zip.GetEntry("InstagramMessaging.AspNetCore.nuspec")!.Open();
        var dependency = XDocument.Load(nuspec).Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "InstagramMessaging");

        Assert.Equal(_packages.Version, (string?)dependency.Attribute("version"));
        Assert.Null(dependency.Attribute("exclude"));
    }

    [Fact]
    public void Shipped_analyzers_reference_no_Roslyn_newer_than_4_8_and_nothing_an_IDE_cannot_load()
    {
        using var zip = ZipFile.OpenRead(_packages.Package("InstagramMessaging"));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal)))
        {
            using var stream = new MemoryStream();
            using (var source = entry.Open())
            {
                source.CopyTo(stream);
            }

            stream.Position = 0;
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.AssemblyReferences)
            {
                var reference = reader.GetAssemblyReference(handle);
                var name = reader.GetString(reference.Name);
                if (name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                {
                    Assert.True(reference.Version <= OldestSupportedRoslyn, $"{entry.Name} references {name} {reference.Version}");
                }
                else
                {
                    // Roslyn itself ships these (and our own generator dll ships beside the code fixes); anything else would have to ship too.
                    Assert.True(
                        name is "netstandard" or "System.Collections.Immutable" or "System.Memory" or "System.Composition.AttributedModel" or "InstagramMessaging.Generators",
                        $"{entry.Name} references {name}, which an IDE host does not provide");
                }
            }
        }
    }

    [Fact]
    public void A_consumer_builds_the_generated_code_and_sends_through_the_emulator()
    {
        var (build, buildOutput) = _packages.Consumer("build", "-c", "Release");
        Assert.True(build == 0, buildOutput);

        var (run, runOutput) = _packages.Consumer("run", "--no-build", "-c", "Release");
        Assert.True(run == 0, runOutput);
        Assert.Contains("sent aWdfZAG1faXRlbToxOklHTWVzc2FnZA", runOutput); // the emulator answers with Meta-shaped mids
        Assert.Contains("delivered Hello from the packed package!", runOutput);
    }

    // The README's smallest bot, exactly as printed, builds against the packed AspNetCore package (which brings the
    // runtime package, its generator and analyzers with it) with warnings as errors.
    [Fact]
    public void The_readme_bot_builds_against_the_packed_aspnetcore_package()
    {
        var readme = File.ReadAllText(Path.Combine(_packages.RepositoryRoot, "README.md"));
        var section = readme.IndexOf("## Receiving messages", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no \"Receiving messages\" section");
        var start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);
        var bot = readme[start..end];
        Assert.Contains("MapInstagramWebhooks", bot);
        File.WriteAllText(Path.Combine(_packages.WebhookConsumerDirectory, "Program.cs"), bot);

        var (build, output) = _packages.WebhookConsumer("build", "-c", "Release");

        Assert.True(build == 0, output);
    }

    [Fact]
    public void A_bad_contract_fails_the_build_with_the_rules_it_breaks()
    {
        var (exit, output) = _packages.Consumer("build", "-c", "Debug", "-p:IncludeBadContract=true", "-o", Path.Combine(_packages.WorkDirectory, "bad"));

        Assert.NotEqual(0, exit);
        Assert.Contains("error IGM004", output);
        Assert.Contains("error IGM001", output);
        Assert.Contains("error IGM003", output);
        Assert.Contains("song.mp3", output);
    }

    [Fact]
    public void The_oldest_served_compiler_loads_the_generator_and_analyzers()
    {
        var output = Path.Combine(_packages.WorkDirectory, "oldest");
        var (build, buildOutput) = _packages.Consumer("build", "-c", "Release", $"-p:OldestCompiler={OldestServedCompiler}", "-o", output, "-v:n");
        Assert.True(build == 0, buildOutput);
        Assert.Contains($"microsoft.net.compilers.toolset/{OldestServedCompiler}", buildOutput, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("CS9057", buildOutput);
        Assert.DoesNotContain("CS8032", buildOutput);

        var (run, runOutput) = DotNet.Run(output, Path.Combine(output, "PackageConsumer.dll"));
        Assert.True(run == 0, runOutput);
        Assert.Contains("delivered Hello from the packed package!", runOutput);

        var (bad, badOutput) = _packages.Consumer("build", "-c", "Debug", $"-p:OldestCompiler={OldestServedCompiler}", "-p:IncludeBadContract=true", "-o", Path.Combine(_packages.WorkDirectory, "oldest-bad"));
        Assert.NotEqual(0, bad);
        Assert.Contains("error IGM004", badOutput);
    }
}
