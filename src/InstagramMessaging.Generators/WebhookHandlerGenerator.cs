using InstagramMessaging.Generators.Emitting;
using InstagramMessaging.Generators.Model;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using System.Text;

namespace InstagramMessaging.Generators;

/// <summary>
/// Implements <c>IInstagramWebhookHandler</c> on every <c>[InstagramWebhookHandler]</c> partial class: a type
/// switch over the event and an ordinal switch over the payload, calling the routed methods. Methods routing
/// cannot call are left out silently; the analyzers report them (IGM031, IGM033).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class WebhookHandlerGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var handlers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                RouteTable.HandlerAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol type ? RoutingReader.Read(type, problems: null, ct) : null)
            .WithTrackingName(TrackingNames.Handlers);

        var valid = handlers
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidHandlers);

        context.RegisterSourceOutput(valid, static (spc, spec) => Emit(spc, spec));
    }

    private static void Emit(SourceProductionContext context, HandlerSpec spec)
        => context.AddSource(spec.HintName, SourceText.From(HandlerEmitter.Emit(spec), Encoding.UTF8));
}
