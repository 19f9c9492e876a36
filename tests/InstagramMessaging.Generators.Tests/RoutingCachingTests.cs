using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace InstagramMessaging.Generators.Tests;

public class RoutingCachingTests
{
    private const string Handler = """
        using System.Threading;
        using System.Threading.Tasks;
        using InstagramMessaging.Webhooks;
        namespace Shop;
        [InstagramWebhookHandler]
        public partial class Router
        {
            [OnQuickReply("ORDER_STATUS")]
            private ValueTask OrderStatus(MessageReceivedEvent message, CancellationToken cancellationToken) => default;
            [OnPostback("GET_STARTED")]
            private Task GetStarted(PostbackReceivedEvent postback) => Task.CompletedTask;
        }
        """;

    private const string Unrelated = """
        namespace Shop;
        public class Cart { public int Count { get; set; } }
        """;

    private static readonly string[] TrackedSteps = { TrackingNames.Handlers, TrackingNames.ValidHandlers };

    [Fact]
    public void An_unrelated_edit_leaves_every_step_and_output_cached()
    {
        var compilation = TestCompilation.Create(Handler, Unrelated);
        var (driver, _, _) = RoutingGeneratorRun.Run(compilation);

        var unrelatedTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(
            unrelatedTree,
            CSharpSyntaxTree.ParseText(Unrelated.Replace("Count", "ItemCount"), TestCompilation.ParseOptions, path: "Source1.cs")));

        var result = driver.GetRunResult().Results.Single();
        foreach (var step in TrackedSteps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToArray();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} was {o.Reason}"));
        }

        var emitted = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToArray();
        Assert.NotEmpty(emitted);
        Assert.All(emitted, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void An_edit_inside_a_handler_body_leaves_the_output_cached()
    {
        var compilation = TestCompilation.Create(Handler);
        var (driver, _, _) = RoutingGeneratorRun.Run(compilation);

        var tree = compilation.SyntaxTrees.Single();
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            Handler.Replace("=> Task.CompletedTask;", "=> Task.Delay(1);"), TestCompilation.ParseOptions, path: tree.FilePath)));

        var result = driver.GetRunResult().Results.Single();
        Assert.All(result.TrackedSteps[TrackingNames.Handlers].SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Changing_a_payload_updates_the_output()
    {
        var compilation = TestCompilation.Create(Handler);
        var (driver, _, _) = RoutingGeneratorRun.Run(compilation);

        var tree = compilation.SyntaxTrees.Single();
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            Handler.Replace("\"ORDER_STATUS\"", "\"ORDER_STATE\""), TestCompilation.ParseOptions, path: tree.FilePath)));

        var result = driver.GetRunResult().Results.Single();
        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        var after = RoutingGeneratorRun.GeneratedSources(driver).Single().Value;
        Assert.Contains("case \"ORDER_STATE\":", after);
        Assert.DoesNotContain("ORDER_STATUS", after);
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_compilations()
    {
        var (driver, _, _) = RoutingGeneratorRun.Run(TestCompilation.Create(Handler, Unrelated));
        var result = driver.GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            foreach (var (value, _) in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                Assert.NotNull(value);
                AssertHoldsNoRoslynObjects(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void AssertHoldsNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(
            value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location,
            $"{path} holds a {value.GetType().Name}");

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                AssertHoldsNoRoslynObjects(item, $"{path}[{i++}]", seen);
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }
}
