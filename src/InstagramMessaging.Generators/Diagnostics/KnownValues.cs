using System.Collections.Generic;
using System.Linq;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>
/// Compile-time evaluation of values other than text (see <see cref="KnownText"/>): URLs, collections and their
/// counts, as far as the compiler sees them. A value it cannot know gives null, and no diagnostic.
/// </summary>
internal static class KnownValues
{
    /// <summary>A URL the compiler knows: a constant string, <c>new Uri("...")</c> or <c>MediaSource.FromUrl("...")</c>.</summary>
    // A URL the compiler knows: a constant string, new Uri("...") or MediaSource.FromUrl("...").
    public static string? Url(IOperation value, KnownTypes known)
    {
        switch (Unwrap(value))
        {
            case { ConstantValue: { HasValue: true, Value: string url } }:
                return url;
            case IObjectCreationOperation { Arguments.Length: > 0 } creation when KnownTypes.Is(creation.Type, known.Uri):
                return creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string uri } ? uri : null;
            case IInvocationOperation { TargetMethod.Name: "FromUrl", Arguments.Length: 1 } invocation when KnownTypes.Is(invocation.TargetMethod.ContainingType, known.MediaSource):
                return Url(invocation.Arguments[0].Value, known);
            default:
                return null;
        }
    }

    /// <summary>The value under any implicit or explicit conversions.</summary>
    public static IOperation Unwrap(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value;
    }

    // How many items a collection value holds, when the compiler sees them all.
    public static int? Count(IOperation value)
        => Items(Unwrap(value), out var exact) is { } items && exact ? items.Count : null;

    // The items of a collection whose construction the compiler sees: array creations and initializers,
    // collection initializers, collection expressions (with spreads of such collections), params arguments and
    // ImmutableArray.Create. `exact` is false when some items are not known (a spread of a variable, say): the
    // list then holds the known ones, a lower bound.
    public static List<IOperation>? Items(IOperation value, out bool exact)
    {
        exact = true;
        value = Unwrap(value);
        switch (value)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                return initializer.ElementValues.ToList();
            case IArrayCreationOperation { DimensionSizes.Length: 1 } array when array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: 0 }:
                return new List<IOperation>();
            case IObjectCreationOperation { Initializer: { } initializer } creation
                when initializer.Initializers.All(i => i is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 }):
                exact = creation.Arguments.Length == 0;
                return initializer.Initializers.Select(i => ((IInvocationOperation)i).Arguments[0].Value).ToList();
            case IInvocationOperation { TargetMethod: { Name: "Create", ContainingType.Name: "ImmutableArray" } } create:
                return create.Arguments.Length == 1 && create.Arguments[0].ArgumentKind == ArgumentKind.ParamArray
                    ? Items(create.Arguments[0].Value, out exact)
                    : create.Arguments.Select(a => a.Value).ToList();
        }

        if (value.Syntax is CollectionExpressionSyntax collection && value.SemanticModel is { } model)
        {
            var items = new List<IOperation>();
            foreach (var element in collection.Elements)
            {
                var inner = element switch
                {
                    ExpressionElementSyntax item => model.GetOperation(item.Expression),
                    SpreadElementSyntax spread => model.GetOperation(spread.Expression),
                    _ => null,
                };
                if (inner is null)
                {
                    exact = false;
                }
                else if (element is SpreadElementSyntax)
                {
                    var spreadItems = Items(inner, out var spreadExact);
                    exact &= spreadItems is not null && spreadExact;
                    items.AddRange(spreadItems ?? new List<IOperation>());
                }
                else
                {
                    items.Add(inner);
                }
            }

            return items;
        }

        return null;
    }
}
