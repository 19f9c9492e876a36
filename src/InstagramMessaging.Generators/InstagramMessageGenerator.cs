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
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol type ? ContractReader.Read(type, problems: null, ct) : null)
            .WithTrackingName(TrackingNames.Contracts);

        var valid = contracts
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidContracts);

        context.RegisterSourceOutput(valid, static (spc, spec) => Emit(spc, spec));
    }

    private static void Emit(SourceProductionContext context, ContractSpec spec)
        => context.AddSource(spec.HintName, SourceText.From(ContractEmitter.Emit(spec), Encoding.UTF8));
}
