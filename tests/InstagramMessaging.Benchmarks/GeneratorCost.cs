using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Generators;
using InstagramMessaging.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// The generator over 1000 contracts against System.Text.Json's generator (from the SDK's reference pack) over
/// 1000 equivalent [JsonSerializable] types, and a no-op ForAttributeWithMetadataName generator as the floor;
/// cold and after an unrelated edit, on compilations already bound as in a real build. Also the analyzers' share
/// of compiling a project of 1000 contracts with their construction sites.
/// </summary>
public static class GeneratorCost
{
    private const int Types = 1000;
    private static readonly CSharpParseOptions s_parse = new(LanguageVersion.CSharp12);

    public static IReadOnlyList<(string Case, Interleaved.Result Result)> Run(int rounds = 11, Func<double>? clock = null)
    {
        var ours = OursCompilation();
        var stj = StjCompilation();

        var stjGenerator = LoadSystemTextJsonGenerator();
        var floor = new NoOpGenerator().AsSourceGenerator();
        var oursGenerator = new InstagramMessageGenerator().AsSourceGenerator();

        var results = new List<(string, Interleaved.Result)>();
        foreach (var edit in new[] { false, true })
        {
            var label = edit ? "after an unrelated edit" : "cold";
            var candidates = new Dictionary<string, Action>
            {
                ["System.Text.Json generator"] = Runner(stjGenerator, stj, edit),
                ["InstagramMessaging generator"] = Runner(oursGenerator, ours, edit),
                ["no-op ForAttributeWithMetadataName (floor)"] = Runner(floor, ours, edit),
            };
            // Steady state first, as in a warm IDE or compiler server: every candidate until tiered compilation settles
            // (the generators' code and the driver's; a few methods per pass keep trickling in, hence the threshold).
            JitSettling.WarmUp(
                () =>
                {
                    foreach (var run in candidates.Values)
                    {
                        run();
                    }
                },
                TimeSpan.FromSeconds(60),
                quietMethods: 20);
            foreach (var result in Interleaved.Compare("System.Text.Json generator", candidates, rounds, TimeSpan.FromMilliseconds(300), clock))
            {
                results.Add((label, result));
            }

            // Bytes allocated by one run of each (warm, on this thread: the driver runs generators on it).
            foreach (var (name, run) in candidates)
            {
                run();
                var before = GC.GetAllocatedBytesForCurrentThread();
                run();
                Console.WriteLine($"  {label}, {name}: {(GC.GetAllocatedBytesForCurrentThread() - before) / 1024.0 / 1024.0:0.0} MB allocated per run");
            }
        }

        return results;
    }

    /// <summary>
    /// Runs one generator alone, cold or after an unrelated edit, for <paramref name="duration"/>: a steady loop for a
    /// sampling profiler (<c>-- generator-loop ours|stj|floor cold|edit seconds</c>).
    /// </summary>
    public static void Loop(string which, bool edit, TimeSpan duration)
    {
        var ours = OursCompilation();
        var generator = which switch
        {
            "stj" => LoadSystemTextJsonGenerator(),
            "floor" => new NoOpGenerator().AsSourceGenerator(),
            _ => new InstagramMessageGenerator().AsSourceGenerator(),
        };
        var run = Runner(generator, which == "stj" ? StjCompilation() : ours, edit);
        var watch = Stopwatch.StartNew();
        var runs = 0;
        while (watch.Elapsed < duration)
        {
            run();
            runs++;
        }

        Console.WriteLine($"{which}, {(edit ? "after an unrelated edit" : "cold")}: {runs} runs, {watch.Elapsed.TotalMilliseconds / runs:0.00} ms per run");
    }

    /// <summary>The analyzers' execution time as a share of compiling a 1000-contract project with construction sites.</summary>
    public static async Task<(double CompileMs, double AnalyzersMs, double Share)> AnalyzerShareAsync()
    {
        var withGenerated = AnalyzerProject();

        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ContractDeclarationAnalyzer(), new ContractValueAnalyzer(), new MediaFileAnalyzer());
        // Warm-up runs first, printed and not counted, until tiered compilation has settled: a build's compiler
        // server (VBCSCompiler) is warm, while the first runs here JIT-compile tens of thousands of the compiler's
        // methods and run its emit path at tier 0 (compile time falls from ~4.6 s to ~1.8 s over the first runs).
        // Settled: a run that JIT-compiles fewer than 500 methods (of ~40,000), at most ten warm-up runs. Each part
        // starts after a full GC (so one part's garbage is not collected inside the other's time), and the figure is
        // the median of the per-run shares, as every other benchmark here reports the median of per-round ratios.
        const int runs = 7;
        const int maxWarmUps = 10;
        const int settledJit = 500;
        var shares = new List<(double Compile, double Analyzers, double Share)>();
        var warmUps = 0;
        for (var run = -1; run < runs; run++)
        {
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            var fresh = withGenerated.RemoveAllSyntaxTrees().AddSyntaxTrees(withGenerated.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), s_parse, t.FilePath)));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = Stopwatch.StartNew();
            using (var pe = new MemoryStream())
            {
                var emitted = fresh.Emit(pe);
                if (!emitted.Success)
                {
                    throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics.Take(5)));
                }
            }

            var runCompileMs = watch.Elapsed.TotalMilliseconds;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var withAnalyzers = fresh.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            var label = run < 0 ? $"warm-up {warmUps + 1} (not counted)" : $"run {run + 1}";
            double runAnalyzersMs = 0;
            foreach (var analyzer in analyzers)
            {
                var ms = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
                runAnalyzersMs += ms;
                Console.WriteLine($"  {label}: {analyzer.GetType().Name} {ms:0} ms");
            }

            Console.WriteLine($"  {label}: compile {runCompileMs:0} ms, analyzers {runAnalyzersMs:0} ms ({runAnalyzersMs / (runCompileMs + runAnalyzersMs):P1}); {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted} methods JIT-compiled during the run");
            if (run >= 0)
            {
                shares.Add((runCompileMs, runAnalyzersMs, runAnalyzersMs / (runCompileMs + runAnalyzersMs)));
            }
            else if (++warmUps < maxWarmUps && System.Runtime.JitInfo.GetCompiledMethodCount() - jitted >= settledJit)
            {
                run--; // not settled yet: warm up again
            }
        }

        shares.Sort((a, b) => a.Share.CompareTo(b.Share));
        var median = shares[shares.Count / 2];
        Console.WriteLine($"  per-run shares: {string.Join(", ", shares.Select(s => s.Share.ToString("P1", CultureInfo.InvariantCulture)))}");
        return median;
    }

    /// <summary>
    /// The CPU view of <see cref="AnalyzerShareAsync"/>: the thread CPU time inside the analyzers' callbacks
    /// (<see cref="CpuTimedAnalyzer"/>, less the clock reads' own cost) against the process CPU time of the compile,
    /// median of seven runs after a warm-up. Roslyn's <c>ExecutionTime</c> is wall time, which on a shared machine
    /// holds the time a thread waits descheduled; the wrapper's clock reads are system calls, which make it wait
    /// more, so this view has its own command and the wall-time figure is measured without the wrapper.
    /// Run with <c>DOTNET_gcServer=1</c>, as the compiler runs: with workstation GC, a collection that starts in a
    /// callback runs on that thread and its whole CPU time lands on the analyzer.
    /// </summary>
    public static async Task<double> AnalyzerCpuShareAsync()
    {
        var compilation = AnalyzerProject();
        var overheadMs = CpuTimedAnalyzer.CalibrateOverheadMilliseconds();
        Console.WriteLine($"  clock read pair: {overheadMs * 1_000_000:0} ns of CPU, subtracted per callback; server GC: {System.Runtime.GCSettings.IsServerGC}");
        const int runs = 7;
        var shares = new List<double>();
        for (var run = -1; run < runs; run++)
        {
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
                new CpuTimedAnalyzer(new ContractDeclarationAnalyzer()), new CpuTimedAnalyzer(new ContractValueAnalyzer()), new CpuTimedAnalyzer(new MediaFileAnalyzer()));
            var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), s_parse, t.FilePath)));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var compileCpu = CpuTime.Process();
            using (var pe = new MemoryStream())
            {
                if (!fresh.Emit(pe).Success)
                {
                    throw new InvalidOperationException("The analyzer project does not compile.");
                }
            }

            var compileMs = (CpuTime.Process() - compileCpu).TotalMilliseconds;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var withAnalyzers = fresh.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
            await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            var label = run < 0 ? "warm-up (not counted)" : $"run {run + 1}";
            double analyzersMs = 0;
            foreach (CpuTimedAnalyzer timed in analyzers)
            {
                var ms = Math.Max(0, timed.Milliseconds - timed.Callbacks * overheadMs);
                analyzersMs += ms;
                Console.WriteLine($"  {label}: {timed.Inner.GetType().Name} {ms:0.0} ms of CPU in {timed.Callbacks} callbacks");
            }

            var share = analyzersMs / (compileMs + analyzersMs);
            Console.WriteLine($"  {label}: compile {compileMs:0} ms of CPU, analyzers {analyzersMs:0.0} ms ({share:P2})");
            if (run >= 0)
            {
                shares.Add(share);
            }
        }

        shares.Sort();
        Console.WriteLine($"  per-run shares: {string.Join(", ", shares.Select(s => s.ToString("P2", CultureInfo.InvariantCulture)))}");
        return shares[shares.Count / 2];
    }

    // 1000 contracts with three construction sites each, with the generated half added (as a build sees it).
    private static CSharpCompilation AnalyzerProject()
    {
        var compilation = Compilation(i => $$"""
            namespace App.Messages{{i % 20}};
            [InstagramMessaging.InstagramMessage]
            public partial record Notice{{i}}([property: InstagramMessaging.MessageText] string Text, [property: InstagramMessaging.ReplyTo] string? ReplyTo = null);
            public static class Use{{i}}
            {
                public static object A(string s) => new Notice{{i}}("Order {{i}} shipped", null);
                public static object B(string s) => new Notice{{i}}(s) with { Text = "Updated: " + s };
                public static object C() => new Notice{{i}}($"Hello {{{i}}}", ReplyTo: "m_{{i}}");
            }
            """);
        var driver = CSharpGeneratorDriver.Create(new[] { new InstagramMessageGenerator().AsSourceGenerator() }, parseOptions: s_parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);
        return (CSharpCompilation)withGenerated;
    }

    private static CSharpCompilation OursCompilation() => Compilation(i => $$"""
        namespace App.Messages{{i % 20}};
        [InstagramMessaging.InstagramMessage]
        public partial record Notice{{i}}([property: InstagramMessaging.MessageText] string Text, [property: InstagramMessaging.ReplyTo] string? ReplyTo = null);
        """);

    private static CSharpCompilation StjCompilation() => Compilation(i => $$"""
        namespace App.Messages{{i % 20}};
        public sealed class Notice{{i}} { public string Text { get; set; } = ""; public string? ReplyTo { get; set; } }
        """, "[System.Text.Json.Serialization.JsonSourceGenerationOptions]\npublic partial class AppJsonContext : System.Text.Json.Serialization.JsonSerializerContext { }\n"
            + "\n" + string.Concat(Enumerable.Range(0, Types).Select(i => $"[System.Text.Json.Serialization.JsonSerializable(typeof(App.Messages{i % 20}.Notice{i}))]\n")) + "public partial class AppJsonContext { }");

    private static Action Runner(ISourceGenerator generator, CSharpCompilation compilation, bool edit)
    {
        GeneratorDriver Fresh() => CSharpGeneratorDriver.Create(new[] { generator }, parseOptions: s_parse);
        if (!edit)
        {
            return () => Fresh().RunGenerators(compilation);
        }

        // The warm state an IDE holds, then the cost of one unrelated edit on top of it.
        var editable = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(editable, CSharpSyntaxTree.ParseText(editable.GetText() + "\nclass UnrelatedEdit { int X; }", s_parse, editable.FilePath));
        edited.GetDeclarationDiagnostics();
        var warm = Fresh().RunGenerators(compilation);
        return () => warm.RunGenerators(edited);
    }

    private static CSharpCompilation Compilation(Func<int, string> type, string? extra = null)
    {
        var trees = Enumerable.Range(0, Types).Select(i => CSharpSyntaxTree.ParseText(type(i), s_parse, $"Type{i}.cs")).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(extra ?? "class Unrelated { }", s_parse, "Unrelated.cs"));
        var compilation = CSharpCompilation.Create(
            "Bench",
            trees,
            Basic.Reference.Assemblies.Net80.References.All.Append(MetadataReference.CreateFromFile(typeof(InstagramMessageAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // Bound as in a real build: declarations and semantic models exist before the generators run.
        compilation.GetDeclarationDiagnostics();
        return compilation;
    }

    private static ISourceGenerator LoadSystemTextJsonGenerator()
    {
        var pack = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref");
        var dll = Directory.EnumerateFiles(pack, "System.Text.Json.SourceGeneration.dll", SearchOption.AllDirectories)
            .Where(p => p.Contains($"{Path.DirectorySeparatorChar}cs{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderByDescending(p => p, StringComparer.Ordinal)
            .First();
        var reference = new AnalyzerFileReference(Path.GetFullPath(dll), new Loader());
        return reference.GetGeneratorsForAllLanguages().Single();
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }

    // The floor: what ForAttributeWithMetadataName itself costs, with a transform that does nothing.
    [Generator]
    private sealed class NoOpGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var names = context.SyntaxProvider.ForAttributeWithMetadataName(
                "InstagramMessaging.InstagramMessageAttribute",
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                static (ctx, _) => ctx.TargetSymbol.Name);
            context.RegisterSourceOutput(names, static (_, _) => { });
        }
    }
}
