using System;
using System.Collections.Generic;
using System.Linq;
using InstagramMessaging.Generators.Emitting;
using InstagramMessaging.Generators.Model;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using System.Text;

namespace InstagramMessaging.Generators;

/// <summary>
/// Implements <c>IInstagramMessage</c> on every valid <c>[InstagramMessage]</c> record. Invalid contracts get
/// nothing from here: the analyzers explain what is wrong while the user types.
/// </summary>
/// <remarks>
/// Code is emitted once per type, never per declaration: a type whose partial parts both carry the attribute
/// is read only at its first marked part, and hint names are made unique across the whole compilation (two
/// distinct types can share a name while someone types; the compiler reports that, the generator must not throw).
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class InstagramMessageGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var contracts = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.InstagramMessageAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol type && KnownTypes.From(ctx.SemanticModel.Compilation) is { } known
                    && IsFirstMarkedDeclaration(type, ctx.TargetNode, known)
                    ? ContractReader.Read(type, known, problems: null, ct)
                    : null)
            .WithTrackingName(TrackingNames.Contracts);

        // Invalid contracts (null) flow through to the output, which skips them: no filtering steps, each of which
        // would copy a table of every contract on every run, edits or not.
        // One table of every hint name, made once per change of the set of names (an edit inside a contract
        // leaves it cached, the same instance), then looked up per contract.
        var names = contracts
            .Select(static (spec, _) => spec is null ? null : new HintKey(spec.HintName, spec.Identity))
            .Collect()
            .Select(static (keys, _) => new HintNameTable(keys));

        var named = contracts
            .Combine(names)
            .Select(static (pair, _) => pair.Left is { } spec && pair.Right.UniqueHintName(spec) is { } hint ? new NamedContract(hint, spec) : null)
            .WithTrackingName(TrackingNames.NamedContracts);

        context.RegisterSourceOutput(named, static (spc, item) =>
        {
            if (item is not null)
            {
                Emit(spc, item);
            }
        });
    }

    // The attribute can sit on several partial parts (or twice on one part, while someone types): only the part
    // holding the type's first [InstagramMessage] reads the contract.
    private static bool IsFirstMarkedDeclaration(INamedTypeSymbol type, SyntaxNode target, KnownTypes known)
    {
        // One part: the transform runs once per marked declaration, so this one is the first.
        if (type.DeclaringSyntaxReferences.Length == 1)
        {
            return true;
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (KnownTypes.Is(attribute.AttributeClass, known.InstagramMessageAttribute))
            {
                return attribute.ApplicationSyntaxReference is { } reference
                    && reference.SyntaxTree == target.SyntaxTree
                    && target.Span.Contains(reference.Span);
            }
        }

        return false;
    }

    private static void Emit(SourceProductionContext context, NamedContract item)
        => context.AddSource(item.HintName, SourceText.From(ContractEmitter.Emit(item.Spec), Encoding.UTF8));
}
