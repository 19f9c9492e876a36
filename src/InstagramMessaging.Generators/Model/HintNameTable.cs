using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace InstagramMessaging.Generators.Model;

/// <summary>
/// Every contract's natural hint name in the compilation, built once per change of the set of names and looked
/// up per contract (no pass over all contracts for each one). Equal tables are the same instance whenever the
/// pipeline step that makes it is cached, and the reference comparison comes first, so combining it with each
/// contract costs O(1) per contract instead of comparing all names again.
/// </summary>
internal sealed class HintNameTable : IEquatable<HintNameTable>
{
    private readonly HintKey[] _keys;
    private readonly Dictionary<string, List<HintKey>> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _hash;

    /// <param name="keys">Each contract's key; null for an invalid contract (it is emitted under no name).</param>
    public HintNameTable(ImmutableArray<HintKey?> keys)
    {
        _keys = keys.OfType<HintKey>().OrderBy(k => k.HintName, StringComparer.Ordinal).ThenBy(k => k.Identity, StringComparer.Ordinal).ToArray();
        var hash = 17;
        foreach (var key in _keys)
        {
            hash = unchecked((hash * 31) + key.GetHashCode());
            if (!_byName.TryGetValue(key.HintName, out var variants))
            {
                _byName[key.HintName] = variants = new List<HintKey>();
            }

            variants.Add(key);
        }

        _hash = hash;
    }

    /// <summary>
    /// The hint name <paramref name="spec"/> is emitted under, unique ignoring case. Two distinct types with one
    /// full name (a compile error of its own) get no code at all (null); names that differ only in case get a
    /// numbered suffix, in ordinal order.
    /// </summary>
    public string? UniqueHintName(ContractSpec spec)
    {
        var mine = new HintKey(spec.HintName, spec.Identity);
        if (!_byName.TryGetValue(mine.HintName, out var variants))
        {
            return null;
        }

        var sameName = 0;
        foreach (var key in variants)
        {
            if (key.HintName == mine.HintName)
            {
                sameName++;
            }
        }

        if (sameName != 1)
        {
            return null;
        }

        var index = variants.IndexOf(mine);
        return index <= 0 ? spec.HintName : spec.HintName.Substring(0, spec.HintName.Length - ".g.cs".Length) + "." + (index + 1) + ".g.cs";
    }

    public bool Equals(HintNameTable? other)
        => ReferenceEquals(this, other) || (other is not null && other._hash == _hash && _keys.AsSpan().SequenceEqual(other._keys));

    public override bool Equals(object? obj) => Equals(obj as HintNameTable);

    public override int GetHashCode() => _hash;
}
