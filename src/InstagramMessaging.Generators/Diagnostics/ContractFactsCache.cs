using System.Collections.Concurrent;
using System.Threading;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>The <see cref="ContractFacts"/> of each type, read once per compilation (not at every construction site).</summary>
internal sealed class ContractFactsCache
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, ContractFacts> _facts = new(SymbolEqualityComparer.Default);

    public ContractFactsCache(KnownTypes known) => Known = known;

    /// <summary>The compilation's known types.</summary>
    public KnownTypes Known { get; }

    /// <summary>The facts of <paramref name="type"/> (<see cref="ContractFacts.NotAContract"/> for any other type).</summary>
    public ContractFacts For(INamedTypeSymbol type, CancellationToken cancellationToken)
        => _facts.TryGetValue(type, out var facts) ? facts : _facts.GetOrAdd(type, ContractFacts.Read(type, Known, cancellationToken));
}
