using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace InstagramMessaging.Benchmarks;

/// <summary>BenchmarkDotNet view of the serializer (`-- bdn --filter *Serializer*`).</summary>
[MemoryDiagnoser]
public class SerializerBenchmarks
{
    private SerializerCandidates _candidates = null!;

    public static IEnumerable<string> Scenarios => Scenario.All.Select(s => s.Name);

    [ParamsSource(nameof(Scenarios))]
    public string Name { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _candidates = new SerializerCandidates(Scenario.All.Single(s => s.Name == Name));

    [Benchmark(Baseline = true)]
    public int StjSourceGenerated() => _candidates.StjSourceGenerated().Length;

    [Benchmark]
    public int Generated() => _candidates.Generated().Length;

    [Benchmark]
    public int StjReflection() => _candidates.StjReflection().Length;
}
