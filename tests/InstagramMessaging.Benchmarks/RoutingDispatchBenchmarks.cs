using System.Threading;
using BenchmarkDotNet.Attributes;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.Benchmarks;

/// <summary>BenchmarkDotNet view of the routing dispatch: <c>-- bdn --filter *RoutingDispatch*</c>.</summary>
[MemoryDiagnoser]
public class RoutingDispatchBenchmarks
{
    private readonly InstagramWebhookEvent[] _events = RoutingBenchmark.Events();
    private readonly IInstagramWebhookHandler _generated = new RoutedBenchmarkHandler();
    private readonly IInstagramWebhookHandler _handWritten = new HandWrittenBenchmarkHandler<BaselineCopy>();

    [Benchmark(Baseline = true, OperationsPerInvoke = 17)]
    public void HandWritten() => Run(_handWritten);

    [Benchmark(OperationsPerInvoke = 17)]
    public void Generated() => Run(_generated);

    private void Run(IInstagramWebhookHandler handler)
    {
        foreach (var webhookEvent in _events)
        {
            _ = handler.HandleAsync(webhookEvent, CancellationToken.None);
        }
    }
}
