using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using InstagramMessaging.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace InstagramMessaging.Generators.Tests;

public class DiagnosticDocsTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct())
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_diagnostic_has_a_page_a_release_entry_and_a_help_link(string id)
    {
        var root = RepositoryRoot();
        var page = Path.Combine(root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");
        Assert.StartsWith($"# {id}:", File.ReadAllText(page));

        var releases = File.ReadAllText(Path.Combine(root, "src", "InstagramMessaging.Generators", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"\n{id} |", releases);

        var descriptor = Analyzers().SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id);

        // The page's heading is the rule's title, which is formatted from the table's constants.
        Assert.StartsWith($"# {id}: {descriptor.Title}\n", File.ReadAllText(page).Replace("\r\n", "\n"));
        Assert.Equal(DiagnosticDescriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.Contains($"[{id}](docs/diagnostics/{id}.md)", File.ReadAllText(Path.Combine(root, "README.md")));
    }

    private static DiagnosticAnalyzer[] Analyzers()
        => typeof(ContractValueAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)System.Activator.CreateInstance(t)!)
            .ToArray();

    private static string RepositoryRoot([CallerFilePath] string file = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
}
