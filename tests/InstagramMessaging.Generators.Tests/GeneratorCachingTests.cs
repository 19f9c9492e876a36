using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace InstagramMessaging.Generators.Tests;

public class GeneratorCachingTests
{
    private const string Contract = """
        using InstagramMessaging;
        namespace Shop;
        [InstagramMessage]
        public partial record OrderShipped([property: MessageText] string Text, [property: ReplyTo] string? InReplyTo = null);
        """;

    private const string Unrelated = """
        namespace Shop;
        public class Cart { public int Count { get; set; } }
        """;

    private static readonly string[] TrackedSteps = { TrackingNames.Contracts, TrackingNames.NamedContracts };

    [Fact]
    public void An_unrelated_edit_leaves_every_step_and_output_cached()
    {
        var compilation = TestCompilation.Create(Contract, Unrelated);
        var (driver, _, _) = TestCompilation.Run(compilation);

        var unrelatedTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var edited = compilation.ReplaceSyntaxTree(
            unrelatedTree,
            CSharpSyntaxTree.ParseText(Unrelated.Replace("Count", "ItemCount"), TestCompilation.ParseOptions, path: "Source1.cs"));
        driver = driver.RunGenerators(edited);

        var result = driver.GetRunResult().Results.Single();
        foreach (var step in TrackedSteps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToArray();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} was {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Adding_a_file_leaves_the_output_cached()
    {
        var compilation = TestCompilation.Create(Contract);
        var (driver, _, _) = TestCompilation.Run(compilation);

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Unrelated, TestCompilation.ParseOptions, path: "New.cs")));

        var result = driver.GetRunResult().Results.Single();
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void An_edit_inside_another_contract_leaves_this_contracts_steps_and_output_cached()
    {
        const string Other = """
            using InstagramMessaging;
            namespace Shop;
            [InstagramMessage]
            public partial record Welcome([property: MessageText] string Text);
            """;
        var compilation = TestCompilation.Create(Contract, Other);
        var (driver, _, _) = TestCompilation.Run(compilation);

        var otherTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var edited = compilation.ReplaceSyntaxTree(otherTree, CSharpSyntaxTree.ParseText(
            Other.Replace("string Text)", "string Text, [property: ReplyTo] string? InReplyTo = null)"), TestCompilation.ParseOptions, path: "Source1.cs"));
        driver = driver.RunGenerators(edited);

        var result = driver.GetRunResult().Results.Single();
        foreach (var step in TrackedSteps)
        {
            // OrderShipped's entries stay cached or unchanged; only Welcome's change.
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).Where(o => o.Value.ToString()!.Contains("OrderShipped")).ToArray();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} was {o.Reason} for OrderShipped"));
        }

        var emitted = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToArray();
        Assert.Single(emitted, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(emitted, o => o.Reason == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_the_contract_updates_the_output()
    {
        var compilation = TestCompilation.Create(Contract);
        var (driver, _, _) = TestCompilation.Run(compilation);
        var before = TestCompilation.GeneratedSources(driver).Single().Value;

        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            Contract.Replace("string? InReplyTo = null", "string? ParentId = null"), TestCompilation.ParseOptions, path: tree.FilePath));
        driver = driver.RunGenerators(edited);

        var result = driver.GetRunResult().Results.Single();
        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        var after = TestCompilation.GeneratedSources(driver).Single().Value;
        Assert.NotEqual(before, after);
        Assert.Contains("this.ParentId", after);
        Assert.DoesNotContain("InReplyTo", after);
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_compilations()
    {
        var (driver, _, _) = TestCompilation.Run(TestCompilation.Create(Contract, Unrelated));
        var result = driver.GetRunResult().Results.Single();

        StepOutputs.AssertHoldNoRoslynObjects(result, TrackedSteps);
    }
}
