using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// Wraps an analyzer and adds up the calling thread's CPU time inside each of its callbacks (the compilation
/// start action, and every action it registers there). Roslyn's <c>ExecutionTime</c> is wall time inside the same
/// callbacks, which on a shared machine also holds the time the thread waits descheduled or suspended for a GC
/// another thread started; thread CPU time holds the work the analyzer's own code makes the thread do.
/// Forwards only what the benchmarked analyzers register (the compilation start, symbol, operation and
/// compilation actions); anything else throws, so a new registration cannot go silently untimed.
/// </summary>
// A wrapper, not an analyzer of its own: the wrapped analyzer configures and registers what it needs.
#pragma warning disable RS1001, RS1025, RS1026, RS1012
public sealed class CpuTimedAnalyzer : DiagnosticAnalyzer
{
    private readonly DiagnosticAnalyzer _inner;
    private long _nanoseconds;
    private long _callbacks;

    public CpuTimedAnalyzer(DiagnosticAnalyzer inner) => _inner = inner;

    /// <summary>The analyzer measured.</summary>
    public DiagnosticAnalyzer Inner => _inner;

    /// <summary>The CPU time spent in the analyzer's callbacks so far, in milliseconds.</summary>
    public double Milliseconds => Interlocked.Read(ref _nanoseconds) / 1_000_000.0;

    /// <summary>How many callbacks were timed.</summary>
    public long Callbacks => Interlocked.Read(ref _callbacks);

    /// <summary>The CPU cost of one pair of clock reads (what timing one callback adds), in milliseconds.</summary>
    public static double CalibrateOverheadMilliseconds()
    {
        // Two reads with nothing between them: what the clock adds to the span of one timed callback.
        const int pairs = 100_000;
        var sum = 0.0;
        for (var i = 0; i < pairs; i++)
        {
            var start = ThreadCpuTime.NowMilliseconds();
            sum += ThreadCpuTime.NowMilliseconds() - start;
        }

        return sum / pairs;
    }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => _inner.Initialize(new Context(context, this));

    private Action<T> Timed<T>(Action<T> action) => argument =>
    {
        var start = ThreadCpuTime.NowMilliseconds();
        try
        {
            action(argument);
        }
        finally
        {
            Interlocked.Add(ref _nanoseconds, (long)((ThreadCpuTime.NowMilliseconds() - start) * 1_000_000));
            Interlocked.Increment(ref _callbacks);
        }
    };

    private sealed class Context(AnalysisContext inner, CpuTimedAnalyzer owner) : AnalysisContext
    {
        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => inner.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void EnableConcurrentExecution() => inner.EnableConcurrentExecution();

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
            => inner.RegisterCompilationStartAction(owner.Timed<CompilationStartAnalysisContext>(start => action(new StartContext(start, owner))));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationAction(owner.Timed(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => inner.RegisterSymbolAction(owner.Timed(action), symbolKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(owner.Timed(action), operationKinds);

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Untimed();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Untimed();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Untimed();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Untimed();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Untimed();
    }

    private sealed class StartContext(CompilationStartAnalysisContext inner, CpuTimedAnalyzer owner)
        : CompilationStartAnalysisContext(inner.Compilation, inner.Options, inner.CancellationToken)
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationEndAction(owner.Timed(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => inner.RegisterSymbolAction(owner.Timed(action), symbolKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(owner.Timed(action), operationKinds);

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Untimed();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Untimed();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Untimed();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Untimed();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Untimed();
    }

    private static NotSupportedException Untimed() => new("CpuTimedAnalyzer does not time this kind of action yet: forward it before measuring an analyzer that registers it.");
}
#pragma warning restore RS1001, RS1025, RS1026, RS1012
