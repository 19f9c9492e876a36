using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using InstagramMessaging.Generators.Model;
using InstagramMessaging.Generators.Parsing;
using InstagramMessaging.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>
/// Judges contract values the compiler knows (IGM001, IGM002, IGM003, IGM005, IGM010, and the template and
/// ice breaker limits IGM015 to IGM018 and IGM020): at the declaration (parameter defaults, property
/// initializers) and at every construction site (<c>new</c>, target-typed <c>new</c>, object initializers,
/// <c>with</c>). A value it cannot know gets no diagnostic.
/// </summary>
/// <remarks>
/// By concern: site discovery (this file: which operations can hold a contract value, and where it goes),
/// the per-kind checks (<c>.Checks</c>), and compile-time value evaluation in <see cref="KnownValues"/> and
/// <see cref="KnownText"/>. Runtime types are recognised through <see cref="KnownTypes"/>, resolved once per compilation.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class ContractValueAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.TextTooLong,
        DiagnosticDescriptors.TooManyAttachments,
        DiagnosticDescriptors.MediaTypeNotSupported,
        DiagnosticDescriptors.InvalidUrl,
        DiagnosticDescriptors.EmptyValue,
        DiagnosticDescriptors.TooManyQuickReplies,
        DiagnosticDescriptors.QuickReplyTitleTooLong,
        DiagnosticDescriptors.TemplateElementCount,
        DiagnosticDescriptors.TemplateTextTooLong,
        DiagnosticDescriptors.ButtonCount,
        DiagnosticDescriptors.MessengerProfile,
        DiagnosticDescriptors.GenericElementIncomplete);

    /// <summary>The diagnostic property naming the attribute whose kind takes the URL's type, for the code fix.</summary>
    public const string SuggestedAttributeProperty = "SuggestedAttribute";

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // A compilation that does not reference the runtime library has no contracts: do nothing.
            if (KnownTypes.From(start.Compilation) is not { } known)
            {
                return;
            }

            // Per-type facts, read once per compilation (shared with the declaration analyzer) instead of at every site.
            var contracts = ContractFactsCache.For(known);
            start.RegisterOperationAction(c => AnalyzeCreation(c, contracts), OperationKind.ObjectCreation);
            start.RegisterOperationAction(c => AnalyzeWith(c, contracts), OperationKind.With);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, known), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzePropertyInitializer(c, contracts), OperationKind.PropertyInitializer);
            start.RegisterOperationAction(c => AnalyzeParameterInitializer(c, contracts), OperationKind.ParameterInitializer);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, ContractFactsCache contracts)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol type)
        {
            return;
        }

        var known = contracts.Known;
        if (KnownTypes.Is(type, known.GenericElement))
        {
            AnalyzeGenericElement(context.ReportDiagnostic, creation, known);
            return;
        }

        if (KnownTypes.Is(type, known.QuickReply))
        {
            // Arguments are read by parameter, not by position: named arguments can come in any order.
            if (ArgumentFor(creation, 0) is { } titleValue)
            {
                var title = KnownText.Of(titleValue);
                if (title.IsConstant && string.IsNullOrEmpty(title.Constant))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, titleValue.Syntax.GetLocation(), "Title", title.Constant is null ? "null" : "empty", "quick reply title"));
                }
                else if (title.MinLength > MessageRules.MaxQuickReplyTitleLength)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.QuickReplyTitleTooLong, titleValue.Syntax.GetLocation(), title.Constant ?? title.Describe(), title.Describe()));
                }
            }

            if (ArgumentFor(creation, 1) is { } payloadValue && KnownText.Of(payloadValue) is { IsConstant: true } payload && string.IsNullOrEmpty(payload.Constant))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, payloadValue.Syntax.GetLocation(), "Payload", payload.Constant is null ? "null" : "empty", "quick reply payload"));
            }

            return;
        }

        if (KnownTypes.Is(type, known.IceBreaker))
        {
            // The run-time check (ProfileValidation) reports an empty question or payload as IGM010 too.
            CheckRequiredArgument(context.ReportDiagnostic, creation, 0, "Question", "ice breaker question");
            CheckRequiredArgument(context.ReportDiagnostic, creation, 1, "Payload", "ice breaker payload");
            return;
        }

        if (KnownTypes.Is(type, known.IceBreakerSet))
        {
            if (ArgumentFor(creation, 1) is { } questionsValue && KnownValues.Count(questionsValue) is > MessageRules.MaxIceBreakers and var questions)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MessengerProfile, questionsValue.Syntax.GetLocation(),
                    $"{questions} ice breakers in one locale; Instagram takes at most {MessageRules.MaxIceBreakers}"));
            }

            return;
        }

        var facts = contracts.For(type, context.CancellationToken);
        if (!facts.IsContract)
        {
            return;
        }

        // One delegate per site (a method group of the context struct allocates at every use).
        System.Action<Diagnostic> report = context.ReportDiagnostic;
        if (facts.IsPrimary(creation.Constructor))
        {
            foreach (var argument in creation.Arguments)
            {
                // Omitted arguments take the parameter's default, which is judged at the declaration.
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null)
                {
                    continue;
                }

                CheckValue(report, facts.PropertyFor(argument.Parameter.Name), argument.Value, facts, known);
            }
        }

        CheckInitializer(report, creation.Initializer, facts, known);
        CheckPlaceholdersReplaced(context, creation, facts);
        CheckImagesAcrossMembers(context, creation, facts);
    }

    // Button.Url("title", "url") anywhere (template buttons, button templates, menus), and the ice breakers and
    // persistent menu handed to the messenger: known values Instagram refuses.
    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes known)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Url" when KnownTypes.Is(method.ContainingType, known.Button):
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == 1 && KnownValues.Url(argument.Value, known) is { } url && !MessageRules.IsAbsoluteHttpUrl(url))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidUrl, argument.Value.Syntax.GetLocation(), "Button.Url", url));
                    }
                }

                break;
            case "SetIceBreakersAsync" or "SetPersistentMenuAsync" when KnownTypes.Is(method.ContainingType, known.InstagramMessenger):
                if (invocation.Arguments.Length > 0 && KnownValues.Items(invocation.Arguments[0].Value, out var exact) is { } sets && exact && sets.Count > 0)
                {
                    var locales = sets.Select(set => KnownValues.Unwrap(set) is IObjectCreationOperation created && ArgumentFor(created, 0) is { ConstantValue: { HasValue: true, Value: string locale } } ? locale : null).ToList();
                    if (locales.All(l => l is not null) && !locales.Contains("default"))
                    {
                        var what = method.Name == "SetIceBreakersAsync" ? "Ice breakers need a set" : "The persistent menu needs a menu";
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MessengerProfile, invocation.Arguments[0].Value.Syntax.GetLocation(), what + " for locale 'default'."));
                    }
                }

                break;
        }
    }

    private static void AnalyzeWith(OperationAnalysisContext context, ContractFactsCache contracts)
    {
        var with = (IWithOperation)context.Operation;
        if (with.Type is INamedTypeSymbol type && contracts.For(type, context.CancellationToken) is { IsContract: true } facts)
        {
            CheckInitializer(context.ReportDiagnostic, with.Initializer, facts, contracts.Known);
        }
    }

    private static void AnalyzePropertyInitializer(OperationAnalysisContext context, ContractFactsCache contracts)
    {
        var initializer = (IPropertyInitializerOperation)context.Operation;
        foreach (var property in initializer.InitializedProperties)
        {
            // A placeholder (= "", = null!, = []) is what object initializers replace: judged where the contract is built.
            if (contracts.For(property.ContainingType, context.CancellationToken) is { IsContract: true } facts && Placeholders.Of(property, initializer.Value.Syntax as ExpressionSyntax) == Placeholder.None)
            {
                CheckValue(context.ReportDiagnostic, property, initializer.Value, facts, contracts.Known);
            }
        }
    }

    private static void AnalyzeParameterInitializer(OperationAnalysisContext context, ContractFactsCache contracts)
    {
        var initializer = (IParameterInitializerOperation)context.Operation;
        if (initializer.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
            && contracts.For(constructor.ContainingType, context.CancellationToken) is { IsContract: true } facts
            && facts.IsPrimary(constructor))
        {
            CheckValue(context.ReportDiagnostic, facts.PropertyFor(initializer.Parameter.Name), initializer.Value, facts, contracts.Known);
        }
    }

    private static void CheckInitializer(System.Action<Diagnostic> report, IObjectOrCollectionInitializerOperation? initializer, ContractFacts facts, KnownTypes known)
    {
        if (initializer is null)
        {
            return;
        }

        foreach (var item in initializer.Initializers)
        {
            if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
            {
                CheckValue(report, target.Property, assignment.Value, facts, known);
            }
        }
    }

    // Whether a value is passed straight to a contract: a constructor argument, an initializer or `with`
    // assignment of a contract property, or a contract member's default.
    private static bool ReachesContract(IOperation value, KnownTypes known)
    {
        while (value.Parent is IConversionOperation or IParenthesizedOperation)
        {
            value = value.Parent;
        }

        return value.Parent switch
        {
            IArgumentOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } => known.IsContract(constructor.ContainingType),
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment when assignment.Value == value => known.IsContract(target.Property.ContainingType),
            IPropertyInitializerOperation initializer => initializer.InitializedProperties.Any(p => known.IsContract(p.ContainingType)),
            IParameterInitializerOperation { Parameter.ContainingSymbol: IMethodSymbol method } => known.IsContract(method.ContainingType),
            _ => false,
        };
    }

    // The value passed for a constructor parameter, by its ordinal: creation arguments are in evaluation (written)
    // order, so named arguments in another order are not where their position says.
    private static IOperation? ArgumentFor(IObjectCreationOperation creation, int ordinal)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Value;
            }
        }

        return null;
    }
}
