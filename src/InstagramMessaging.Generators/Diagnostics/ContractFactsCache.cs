using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>
/// The <see cref="ContractFacts"/> of each type, read once per compilation and shared by every analyzer (the
/// declaration analyzer's problems and the value analyzer's facts come from one read), not at every site.
/// </summary>
/// <remarks>
/// One cache per compilation, held through its <see cref="KnownTypes"/> in a <see cref="ConditionalWeakTable{TKey, TValue}"/>
/// (it lives as long as the compilation, and does not keep it alive). Analyzers run concurrently: two callers
/// may read one type at once, and both reads give the same facts.
/// </remarks>
internal sealed class ContractFactsCache
{
    private static readonly ConditionalWeakTable<KnownTypes, ContractFactsCache> s_byCompilation = new();

    private readonly ConcurrentDictionary<INamedTypeSymbol, ContractFacts> _facts = new(SymbolEqualityComparer.Default);

    private ContractFactsCache(KnownTypes known) => Known = known;

    /// <summary>The compilation's known types.</summary>
    public KnownTypes Known { get; }

    /// <summary>The one cache of the compilation whose known types are <paramref name="known"/>.</summary>
    public static ContractFactsCache For(KnownTypes known) => s_byCompilation.GetValue(known, k => new ContractFactsCache(k));

    /// <summary>The facts of <paramref name="type"/> (<see cref="ContractFacts.NotAContract"/> for any other type).</summary>
    public ContractFacts For(INamedTypeSymbol type, CancellationToken cancellationToken)
        => _facts.TryGetValue(type, out var facts) ? facts : _facts.GetOrAdd(type, ContractFacts.Read(type, Known, cancellationToken));
}
