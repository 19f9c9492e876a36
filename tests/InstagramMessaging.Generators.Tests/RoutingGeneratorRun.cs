using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace InstagramMessaging.Generators.Tests;

// Runs the routing generator alone (the contract generator is tested through TestCompilation).
internal static class RoutingGeneratorRun
{
    public static GeneratorDriver CreateDriver() => Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
        new[] { new WebhookHandlerGenerator().AsSourceGenerator() },
        parseOptions: TestCompilation.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(Compilation input, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        return (driver, output, diagnostics);
    }

    public static Dictionary<string, string> GeneratedSources(GeneratorDriver driver) => TestCompilation.GeneratedSources(driver);
}
