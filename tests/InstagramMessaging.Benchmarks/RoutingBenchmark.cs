using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Generators.Diagnostics;
using InstagramMessaging.Webhooks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace InstagramMessaging.Benchmarks;

/// <summary>Typed routing: generated dispatch against a hand-written switch, and what the routing analyzers cost.</summary>
public static class RoutingBenchmark
{
    // What the benchmark bot sends: the routes above must match them (IGM030/IGM032 check it at build time).
    public static readonly QuickReply[] Offered =
    {
        new("Order status", "ORDER_STATUS"), new("Cancel", "ORDER_CANCEL"), new("Return", "ORDER_RETURN"),
        new("Shipping", "SHIPPING_TIMES"), new("Sizes", "SIZE_GUIDE"), new("Hours", "STORE_HOURS"),
        new("Yes", "YES"), new("No", "NO"), new("Human", "HUMAN"),
    };

    public static readonly Button[] Buttons = { Button.Postback("Human", "HUMAN"), Button.Postback("Start", "GET_STARTED") };

    public static readonly IceBreaker[] IceBreakers = { new("Where are you?", "LOCATION") };

    /// <summary>A realistic mix: taps of every chip, postbacks, free text, an unrouted tap, reactions and reads.</summary>
    public static InstagramWebhookEvent[] Events()
    {
        var events = new List<InstagramWebhookEvent>();
        foreach (var quickReply in Offered)
        {
            events.Add(new MessageReceivedEvent { AccountId = "1", SenderId = "2", MessageId = "m", Text = quickReply.Title, QuickReplyPayload = quickReply.Payload });
        }

        foreach (var payload in new[] { "HUMAN", "GET_STARTED", "BUY", "LOCATION" })
        {
            events.Add(new PostbackReceivedEvent { AccountId = "1", SenderId = "2", Payload = payload });
        }

        events.Add(new MessageReceivedEvent { AccountId = "1", SenderId = "2", MessageId = "m", Text = "where is my parcel?" });
        events.Add(new MessageReceivedEvent { AccountId = "1", SenderId = "2", MessageId = "m", Text = "Old chip", QuickReplyPayload = "OLD_MENU" });
        events.Add(new ReactionEvent { AccountId = "1", SenderId = "2", MessageId = "m", Reaction = "love" });
        events.Add(new MessageReadEvent { AccountId = "1", SenderId = "2", MessageId = "m" });
        return events.ToArray();
    }

    /// <summary>Time per event of the generated dispatch relative to the hand-written one, and bytes allocated per event by each.</summary>
    /// <remarks>
    /// "Control" is the hand-written code again, JIT-compiled and profiled separately: its ratio to the baseline is
    /// how far identical code lands apart in this run (dynamic PGO and code layout), the noise floor of the figure.
    /// </remarks>
    public static (Interleaved.Result Result, Interleaved.Result Control, double GeneratedBytes, double HandWrittenBytes, int Events) Dispatch()
    {
        var events = Events();
        IInstagramWebhookHandler generated = new RoutedBenchmarkHandler();
        IInstagramWebhookHandler handWritten = new HandWrittenBenchmarkHandler<BaselineCopy>();
        Action Run(IInstagramWebhookHandler handler) => () =>
        {
            foreach (var webhookEvent in events)
            {
                var pending = handler.HandleAsync(webhookEvent, CancellationToken.None);
                if (!pending.IsCompletedSuccessfully)
                {
                    throw new InvalidOperationException("The benchmark handlers complete synchronously.");
                }
            }
        };

        // Both must call a method for every event of the mix (the unrouted chip falls to [OnMessage]).
        var (checkGenerated, checkHandWritten) = (new RoutedBenchmarkHandler(), new HandWrittenBenchmarkHandler<BaselineCopy>());
        Run(checkGenerated)();
        Run(checkHandWritten)();
        if (checkGenerated.Calls != events.Length || checkHandWritten.Calls != events.Length)
        {
            throw new InvalidOperationException($"Expected {events.Length} calls each; generated {checkGenerated.Calls}, hand-written {checkHandWritten.Calls}.");
        }

        var results = Interleaved.Compare("hand-written", new Dictionary<string, Action>
        {
            ["hand-written"] = Run(handWritten),
            ["generated"] = Run(generated),
            ["control"] = Run(new HandWrittenBenchmarkHandler<ControlCopy>()),
        }, rounds: 101, perMeasurement: TimeSpan.FromMilliseconds(20));
        return (results.Single(r => r.Candidate == "generated"), results.Single(r => r.Candidate == "control"), Interleaved.AllocatedPerCall(Run(generated)) / events.Length, Interleaved.AllocatedPerCall(Run(handWritten)) / events.Length, events.Length);
    }

    /// <summary>
    /// The routing analyzers over a compilation of <paramref name="contracts"/> contracts (two [QuickReply] each),
    /// one construction site per contract sending a postback, and handler classes routing every payload.
    /// </summary>
    public static async Task<(double CompileMs, double AnalyzersMs)> AnalyzerCostAsync(int contracts = 1000)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = Enumerable.Range(0, contracts).Select(i => CSharpSyntaxTree.ParseText($$"""
            using InstagramMessaging;
            namespace App.Messages{{i % 20}};
            [InstagramMessage, QuickReply("Yes", "YES_{{i}}"), QuickReply("No", "NO_{{i}}")]
            public partial record Question{{i}}([property: MessageText] string Text);
            public static class Send{{i}} { public static Button Buy => Button.Postback("Buy", "BUY_{{i}}"); }
            """, parse, $"Contract{i}.cs")).ToList();
        for (var h = 0; h < 10; h++)
        {
            var routes = string.Join("\n", Enumerable.Range(0, contracts).Where(i => i % 10 == h).Select(i => $$"""
                [OnQuickReply("YES_{{i}}"), OnQuickReply("NO_{{i}}")] private ValueTask Answer{{i}}(MessageReceivedEvent m, CancellationToken ct) => default;
                [OnPostback("BUY_{{i}}")] private ValueTask Buy{{i}}(PostbackReceivedEvent p) => default;
                """));
            trees.Add(CSharpSyntaxTree.ParseText($$"""
                using System.Threading;
                using System.Threading.Tasks;
                using InstagramMessaging.Webhooks;
                namespace App.Bot;
                [InstagramWebhookHandler]
                public partial class Router{{h}}
                {
                {{routes}}
                }
                """, parse, $"Router{h}.cs"));
        }

        var compilation = CSharpCompilation.Create(
            "RoutingBench",
            trees,
            Basic.Reference.Assemblies.Net80.References.All.Append(MetadataReference.CreateFromFile(typeof(InstagramMessageAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new[] { new Generators.InstagramMessageGenerator().AsSourceGenerator(), new Generators.WebhookHandlerGenerator().AsSourceGenerator() }, parseOptions: parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);

        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new PayloadCoverageAnalyzer(), new RoutingDeclarationAnalyzer());
        double compileMs = 0, analyzersMs = 0;
        const int runs = 3;
        for (var run = -1; run < runs; run++)
        {
            // Run -1 warms up (JIT of the compiler's and the analyzers' code) and is not counted.
            if (run == 0)
            {
                compileMs = analyzersMs = 0;
            }

            var fresh = withGenerated.RemoveAllSyntaxTrees().AddSyntaxTrees(withGenerated.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), parse, t.FilePath)));
            var watch = Stopwatch.StartNew();
            using (var pe = new MemoryStream())
            {
                var emitted = fresh.Emit(pe);
                if (!emitted.Success)
                {
                    throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics.Take(5)));
                }
            }

            compileMs += watch.Elapsed.TotalMilliseconds;
            var withAnalyzers = fresh.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            if (!diagnostics.IsEmpty)
            {
                throw new InvalidOperationException("Every payload is routed here; the analyzers reported: " + diagnostics[0]);
            }

            foreach (var analyzer in analyzers)
            {
                analyzersMs += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
            }
        }

        return (compileMs / runs, analyzersMs / runs);
    }
}
