using System.Collections.Concurrent;
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
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContractValueAnalyzer : DiagnosticAnalyzer
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

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownNames.InstagramMessageAttribute) is null)
            {
                return;
            }

            // Per-type facts, read once per compilation instead of at every construction site.
            var cache = new ConcurrentDictionary<INamedTypeSymbol, ContractFacts>(SymbolEqualityComparer.Default);
            ContractFacts Facts(INamedTypeSymbol type, CancellationToken cancellationToken)
                => cache.TryGetValue(type, out var facts) ? facts : cache.GetOrAdd(type, ContractFacts.Read(type, cancellationToken));

            start.RegisterOperationAction(c => AnalyzeCreation(c, Facts), OperationKind.ObjectCreation);
            start.RegisterOperationAction(c => AnalyzeWith(c, Facts), OperationKind.With);
            start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzePropertyInitializer(c, Facts), OperationKind.PropertyInitializer);
            start.RegisterOperationAction(c => AnalyzeParameterInitializer(c, Facts), OperationKind.ParameterInitializer);
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, System.Func<INamedTypeSymbol, CancellationToken, ContractFacts> factsOf)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol type)
        {
            return;
        }

        if (IsRuntimeType(type, "GenericElement"))
        {
            AnalyzeGenericElement(context.ReportDiagnostic, creation);
            return;
        }

        if (IsRuntimeType(type, "QuickReply"))
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

        if (IsRuntimeType(type, "IceBreaker"))
        {
            // The run-time check (ProfileValidation) reports an empty question or payload as IGM010 too.
            CheckRequiredArgument(context.ReportDiagnostic, creation, 0, "Question", "ice breaker question");
            CheckRequiredArgument(context.ReportDiagnostic, creation, 1, "Payload", "ice breaker payload");
            return;
        }

        if (IsRuntimeType(type, "IceBreakerSet"))
        {
            if (ArgumentFor(creation, 1) is { } questionsValue && KnownCount(questionsValue) is > MessageRules.MaxIceBreakers and var questions)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MessengerProfile, questionsValue.Syntax.GetLocation(),
                    $"{questions} ice breakers in one locale; Instagram takes at most {MessageRules.MaxIceBreakers}"));
            }

            return;
        }

        var facts = factsOf(type, context.CancellationToken);
        if (!facts.IsContract)
        {
            return;
        }

        if (facts.IsPrimary(creation.Constructor))
        {
            foreach (var argument in creation.Arguments)
            {
                // Omitted arguments take the parameter's default, which is judged at the declaration.
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null)
                {
                    continue;
                }

                CheckValue(context.ReportDiagnostic, facts.PropertyFor(argument.Parameter.Name), argument.Value, facts);
            }
        }

        CheckInitializer(context.ReportDiagnostic, creation.Initializer, facts);
        CheckPlaceholdersReplaced(context, creation, facts);
        CheckImagesAcrossMembers(context, creation, facts);
    }

    // IGM002 across several image members at one construction site: the known images of every member add up.
    // A member that alone holds too many is already reported where it is written.
    private static void CheckImagesAcrossMembers(OperationAnalysisContext context, IObjectCreationOperation creation, ContractFacts facts)
    {
        if (facts.ImageMembers == 0)
        {
            return;
        }

        // Per member, the last value written wins (an initializer replaces the constructor's value); null when
        // the analyzer cannot count it.
        var counts = new Dictionary<IPropertySymbol, int?>(SymbolEqualityComparer.Default);
        void Count(IPropertySymbol? property, IOperation value)
        {
            if (property is null || facts.KindOf(property) != ContentKind.Image)
            {
                return;
            }

            var unwrapped = Unwrap(value);
            counts[property] = KnownItems(unwrapped, out var exact) is { } items ? (exact ? items.Count : null)
                : unwrapped.ConstantValue is { HasValue: true, Value: null or "" } || unwrapped is IDefaultValueOperation ? 0
                : 1;
        }

        if (facts.IsPrimary(creation.Constructor))
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter is not null)
                {
                    Count(facts.PropertyFor(argument.Parameter.Name), argument.Value);
                }
            }
        }

        foreach (var item in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
        {
            if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
            {
                Count(target.Property, assignment.Value);
            }
        }

        // An image message with no image at all: every image member is given, and each is known to be empty.
        if (counts.Count == facts.ImageMembers && counts.Values.All(c => c == 0))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, creation.Syntax.GetLocation(), creation.Type!.Name, "given no image", "image message"));
            return;
        }

        // One member holding too many is reported where it is written; this is the sum over several members.
        var total = counts.Values.Sum(c => c ?? 0);
        if (counts.Count > 1 && total > MessageRules.MaxAttachments && counts.Values.All(c => c is null or <= MessageRules.MaxAttachments))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TooManyAttachments, creation.Syntax.GetLocation(), creation.Type!.Name, total));
        }
    }

    private static void CheckRequiredArgument(System.Action<Diagnostic> report, IObjectCreationOperation creation, int ordinal, string name, string what)
    {
        if (ArgumentFor(creation, ordinal) is { } value && KnownText.Of(value) is { IsConstant: true } text && string.IsNullOrEmpty(text.Constant))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, value.Syntax.GetLocation(), name, text.Constant is null ? "null" : "empty", what));
        }
    }

    // Button.Url("title", "url") anywhere (template buttons, button templates, menus), and the ice breakers and
    // persistent menu handed to the messenger: known values Instagram refuses.
    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Url" when method.ContainingType is { } button && IsRuntimeType(button, "Button"):
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == 1 && KnownUrl(argument.Value) is { } url && !MessageRules.IsAbsoluteHttpUrl(url))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidUrl, argument.Value.Syntax.GetLocation(), "Button.Url", url));
                    }
                }

                break;
            case "SetIceBreakersAsync" or "SetPersistentMenuAsync" when method.ContainingType is { } messenger && IsRuntimeType(messenger, "InstagramMessenger"):
                if (invocation.Arguments.Length > 0 && KnownItems(invocation.Arguments[0].Value, out var exact) is { } sets && exact && sets.Count > 0)
                {
                    var locales = sets.Select(set => Unwrap(set) is IObjectCreationOperation created && ArgumentFor(created, 0) is { ConstantValue: { HasValue: true, Value: string locale } } ? locale : null).ToList();
                    if (locales.All(l => l is not null) && !locales.Contains("default"))
                    {
                        var what = method.Name == "SetIceBreakersAsync" ? "Ice breakers need a set" : "The persistent menu needs a menu";
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MessengerProfile, invocation.Arguments[0].Value.Syntax.GetLocation(), what + " for locale 'default'."));
                    }
                }

                break;
        }
    }

    // A member whose initializer is a placeholder (= "", = null!, = []) must be set where the contract is built
    // with the implicit or positional constructor (a constructor of the user's own may set it in its body).
    private static void CheckPlaceholdersReplaced(OperationAnalysisContext context, IObjectCreationOperation creation, ContractFacts facts)
    {
        var members = facts.Placeholders;
        if (members.IsEmpty || creation.Constructor is not { } constructor || !(constructor.IsImplicitlyDeclared || facts.IsPrimary(constructor)))
        {
            return;
        }

        foreach (var member in members)
        {
            var set = false;
            foreach (var item in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
            {
                if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Property, member.Property))
                {
                    set = true;
                    break;
                }
            }

            if (set)
            {
                continue;
            }

            var location = creation.Syntax.GetLocation();
            var name = member.Property.Name;
            if (member.Kind is ContentKind.GenericTemplate or ContentKind.ProductTemplate)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TemplateElementCount, location, name, 0, member.Kind == ContentKind.GenericTemplate ? "generic" : "product"));
            }
            else
            {
                var what = member.Placeholder == Placeholder.Null ? "null (its placeholder, not set here)" : "empty (its placeholder, not set here)";
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, location, name, what, EmptyNoun(member.Kind)));
            }
        }
    }

    private static string EmptyNoun(ContentKind kind) => ContentKinds.For(kind).EmptyNoun;

    private static void AnalyzeWith(OperationAnalysisContext context, System.Func<INamedTypeSymbol, CancellationToken, ContractFacts> factsOf)
    {
        var with = (IWithOperation)context.Operation;
        if (with.Type is INamedTypeSymbol type && factsOf(type, context.CancellationToken) is { IsContract: true } facts)
        {
            CheckInitializer(context.ReportDiagnostic, with.Initializer, facts);
        }
    }

    private static void AnalyzePropertyInitializer(OperationAnalysisContext context, System.Func<INamedTypeSymbol, CancellationToken, ContractFacts> factsOf)
    {
        var initializer = (IPropertyInitializerOperation)context.Operation;
        foreach (var property in initializer.InitializedProperties)
        {
            // A placeholder (= "", = null!, = []) is what object initializers replace: judged where the contract is built.
            if (factsOf(property.ContainingType, context.CancellationToken) is { IsContract: true } facts && Placeholders.Of(property, initializer.Value.Syntax as ExpressionSyntax) == Placeholder.None)
            {
                CheckValue(context.ReportDiagnostic, property, initializer.Value, facts);
            }
        }
    }

    private static void AnalyzeParameterInitializer(OperationAnalysisContext context, System.Func<INamedTypeSymbol, CancellationToken, ContractFacts> factsOf)
    {
        var initializer = (IParameterInitializerOperation)context.Operation;
        if (initializer.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
            && factsOf(constructor.ContainingType, context.CancellationToken) is { IsContract: true } facts
            && facts.IsPrimary(constructor))
        {
            CheckValue(context.ReportDiagnostic, facts.PropertyFor(initializer.Parameter.Name), initializer.Value, facts);
        }
    }

    private static void CheckInitializer(System.Action<Diagnostic> report, IObjectOrCollectionInitializerOperation? initializer, ContractFacts facts)
    {
        if (initializer is null)
        {
            return;
        }

        foreach (var item in initializer.Initializers)
        {
            if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
            {
                CheckValue(report, target.Property, assignment.Value, facts);
            }
        }
    }

    private static void CheckValue(System.Action<Diagnostic> report, IPropertySymbol? property, IOperation value, ContractFacts facts)
    {
        if (property is null)
        {
            return;
        }

        if (facts.KindOf(property) is not { } kind)
        {
            // A button template's buttons: a list member takes 1 to 3.
            if (property.Type is INamedTypeSymbol { TypeArguments.Length: 1 } list && list.TypeArguments[0] is INamedTypeSymbol element && IsRuntimeType(element, "Button")
                && facts.IsButtonTemplate && KnownCount(value) is { } buttons and (0 or > MessageRules.MaxTemplateButtons))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.ButtonCount, value.Syntax.GetLocation(), property.Name, buttons, MessageRules.ButtonTemplateButtons));
            }

            return;
        }

        if (kind == ContentKind.MediaShare && KnownText.Of(value) is { IsConstant: true } postId && string.IsNullOrEmpty(postId.Constant))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, value.Syntax.GetLocation(), property.Name, postId.Constant is null ? "null" : "empty", "shared post id"));
            return;
        }

        if (kind == ContentKind.ProductTemplate && KnownItems(Unwrap(value), out _) is { } products)
        {
            foreach (var product in products)
            {
                if (KnownText.Of(product) is { IsConstant: true } id && string.IsNullOrEmpty(id.Constant))
                {
                    report(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, product.Syntax.GetLocation(), property.Name, id.Constant is null ? "null" : "empty", "product id"));
                }
            }
        }

        if (MediaKindOf(kind) is { } mediaKind)
        {
            CheckMedia(report, property, mediaKind, value);
            return;
        }

        if (kind == ContentKind.QuickReplies)
        {
            // Replies declared with [QuickReply] on the record count too.
            var declared = facts.DeclaredQuickReplies;
            if (KnownItems(Unwrap(value), out _) is { } replies && declared + replies.Count > MessageRules.MaxQuickReplies)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.TooManyQuickReplies, value.Syntax.GetLocation(), property.ContainingType.Name, declared + replies.Count));
            }

            return;
        }

        if (kind is ContentKind.GenericTemplate or ContentKind.ProductTemplate)
        {
            if (KnownCount(value) is { } elements and (0 or > MessageRules.MaxTemplateElements))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.TemplateElementCount, value.Syntax.GetLocation(), property.Name, elements, kind == ContentKind.GenericTemplate ? "generic" : "product"));
            }

            return;
        }

        if (kind == ContentKind.Text && facts.IsButtonTemplate)
        {
            if (KnownText.Of(value) is { MinLength: > MessageRules.MaxButtonTemplateTextLength } buttonText)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.TemplateTextTooLong, value.Syntax.GetLocation(), property.Name, buttonText.Describe(), MessageRules.MaxButtonTemplateTextLength));
                return;
            }
        }

        if (property.Type.SpecialType != SpecialType.System_String)
        {
            return;
        }

        var text = KnownText.Of(value);
        var location = value.Syntax.GetLocation();
        switch (kind)
        {
            case ContentKind.Text when text.IsConstant && text.Constant is null:
                report(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, location, property.Name, "null", "text"));
                break;
            case ContentKind.Text when text.IsConstant && text.Constant!.Length == 0:
                report(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, location, property.Name, "empty", "text"));
                break;
            case ContentKind.Text when text.MinUtf8Bytes > MessageRules.MaxTextUtf8Bytes:
                var size = text.IsConstant
                    ? text.MinUtf8Bytes.ToString(CultureInfo.InvariantCulture)
                    : "at least " + text.MinUtf8Bytes.ToString(CultureInfo.InvariantCulture);
                report(Diagnostic.Create(DiagnosticDescriptors.TextTooLong, location, property.Name, size));
                break;
            case ContentKind.ReplyTo when text.IsConstant && text.Constant is { Length: 0 }:
                report(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, location, property.Name, "empty", "reply_to message id (use null to send no reply_to)"));
                break;
        }
    }

    private static void CheckMedia(System.Action<Diagnostic> report, IPropertySymbol property, MediaKind kind, IOperation value)
    {
        // An audio, video or file member is the whole message: null or "" sends nothing. (An image member may
        // be null when other image members carry the images.)
        if (kind != MediaKind.Image && Unwrap(value).ConstantValue is { HasValue: true } constant && constant.Value is null or "")
        {
            report(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, value.Syntax.GetLocation(), property.Name, constant.Value is null ? "null" : "empty", MessageRules.JsonType(kind) + " attachment"));
            return;
        }

        value = Unwrap(value);
        if (KnownItems(value, out _) is { } items)
        {
            // A lower bound is enough: a spread of unknown size only adds to what is already too many.
            if (items.Count > MessageRules.MaxAttachments)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.TooManyAttachments, LocationOf(value, items), property.Name, items.Count));
            }

            foreach (var element in items)
            {
                CheckMedia(report, property, kind, element);
            }

            return;
        }

        if (KnownUrl(value) is not { } url)
        {
            return;
        }

        if (!MessageRules.IsAbsoluteHttpUrl(url))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.InvalidUrl, value.Syntax.GetLocation(), property.Name, url));
        }
        else if (MessageRules.IsMediaTypeRejected(kind, url, out var extension))
        {
            report(Diagnostic.Create(
                DiagnosticDescriptors.MediaTypeNotSupported,
                value.Syntax.GetLocation(),
                AttributeLocation(property),
                FixProperties(kind, extension),
                property.Name,
                extension,
                MessageRules.JsonType(kind),
                string.Join(", ", MessageRules.MediaTypes(kind))));
        }
    }

    /// <summary>The diagnostic property naming the attribute whose kind takes the URL's type, for the code fix.</summary>
    public const string SuggestedAttributeProperty = "SuggestedAttribute";

    // Where the member's attachment attribute is written, so a fix can change it (it may be in another file).
    private static IEnumerable<Location> AttributeLocation(IPropertySymbol property)
    {
        ContractReader.GetContentKind(property, out var attribute);
        return attribute?.ApplicationSyntaxReference is { } reference
            ? new[] { Location.Create(reference.SyntaxTree, reference.Span) }
            : Enumerable.Empty<Location>();
    }

    // The media kind that takes this type (images first, then video, then audio), if any.
    private static ImmutableDictionary<string, string?>? FixProperties(MediaKind kind, string extension)
    {
        foreach (var candidate in MediaKinds.SuggestionOrder)
        {
            var row = MediaKinds.For(candidate);
            if (candidate != kind && System.Array.IndexOf(row.MediaTypes, extension) >= 0)
            {
                return ImmutableDictionary<string, string?>.Empty.Add(SuggestedAttributeProperty, row.AttributeDisplayName);
            }
        }

        return null;
    }

    // A URL the compiler knows: a constant string, new Uri("...") or MediaSource.FromUrl("...").
    private static string? KnownUrl(IOperation value)
    {
        switch (Unwrap(value))
        {
            case { ConstantValue: { HasValue: true, Value: string url } }:
                return url;
            case IObjectCreationOperation { Type.Name: "Uri", Arguments.Length: > 0 } creation
                when creation.Type!.ContainingNamespace?.ToDisplayString() == "System":
                return creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string uri } ? uri : null;
            case IInvocationOperation { TargetMethod: { Name: "FromUrl", ContainingType.Name: "MediaSource" }, Arguments.Length: 1 } invocation:
                return KnownUrl(invocation.Arguments[0].Value);
            default:
                return null;
        }
    }

    private static IOperation Unwrap(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value;
    }

    private static MediaKind? MediaKindOf(ContentKind kind) => ContentKinds.For(kind).Media?.Kind;

    private static void AnalyzeGenericElement(System.Action<Diagnostic> report, IObjectCreationOperation creation)
    {
        CheckRequiredArgument(report, creation, 0, "Title", "template title");
        if (creation.Arguments.Length == 1 && KnownText.Of(creation.Arguments[0].Value) is { MinLength: > MessageRules.MaxGenericTextLength } title)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.TemplateTextTooLong, creation.Arguments[0].Value.Syntax.GetLocation(), "Title", title.Describe(), MessageRules.MaxGenericTextLength));
        }

        var setsMore = false;
        foreach (var item in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
        {
            if (item is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
            {
                setsMore = true;
                continue;
            }

            setsMore |= target.Property.Name != "Title" && !(assignment.Value.ConstantValue is { HasValue: true, Value: null });
            if (target.Property.Name == "Subtitle" && KnownText.Of(assignment.Value) is { MinLength: > MessageRules.MaxGenericTextLength } subtitle)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.TemplateTextTooLong, assignment.Value.Syntax.GetLocation(), "Subtitle", subtitle.Describe(), MessageRules.MaxGenericTextLength));
            }
            else if (target.Property.Name is "ImageUrl" or "DefaultActionUrl" && KnownUrl(assignment.Value) is { } url && !MessageRules.IsAbsoluteHttpUrl(url))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.InvalidUrl, assignment.Value.Syntax.GetLocation(), target.Property.Name, url));
            }
            else if (target.Property.Name == "Buttons" && KnownCount(assignment.Value) is > MessageRules.MaxTemplateButtons and var buttons)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.ButtonCount, assignment.Value.Syntax.GetLocation(), "Buttons", buttons, MessageRules.GenericElementButtons));
            }
        }

        // Only where the element is written straight into an array can nothing add a subtitle later (with).
        if (setsMore)
        {
            return;
        }

        // Flag what reaches a contract, not what is built on the way: an array that gets subtitles through
        // `with` before it is sent is fine, so only a collection passed straight to a contract member counts.
        var element = creation.Parent is IConversionOperation conversion ? conversion : (IOperation)creation;
        if (element.Parent is IArrayInitializerOperation array)
        {
            if (array.Parent is { } arrayCreation && ReachesContract(arrayCreation))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.GenericElementIncomplete, creation.Syntax.GetLocation(), array.ElementValues.IndexOf(element), "this array"));
            }
        }
        else if (creation.Syntax.Parent is ExpressionElementSyntax { Parent: CollectionExpressionSyntax collection } item)
        {
            var container = creation.Parent;
            while (container is not null && container.Syntax != collection)
            {
                container = container.Parent;
            }

            if (container is not null && ReachesContract(container))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.GenericElementIncomplete, creation.Syntax.GetLocation(), collection.Elements.IndexOf(item), "this collection"));
            }
        }
    }

    // Whether a value is passed straight to a contract: a constructor argument, an initializer or `with`
    // assignment of a contract property, or a contract member's default.
    private static bool ReachesContract(IOperation value)
    {
        while (value.Parent is IConversionOperation or IParenthesizedOperation)
        {
            value = value.Parent;
        }

        return value.Parent switch
        {
            IArgumentOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } => ContractReader.IsContract(constructor.ContainingType),
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment when assignment.Value == value => ContractReader.IsContract(target.Property.ContainingType),
            IPropertyInitializerOperation initializer => initializer.InitializedProperties.Any(p => ContractReader.IsContract(p.ContainingType)),
            IParameterInitializerOperation { Parameter.ContainingSymbol: IMethodSymbol method } => ContractReader.IsContract(method.ContainingType),
            _ => false,
        };
    }

    // Where to point at a collection: for a params argument (an implicit array) the span of its items.
    private static Location LocationOf(IOperation value, List<IOperation> items)
        => value.IsImplicit && items.Count > 0
            ? Location.Create(value.Syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(items[0].Syntax.SpanStart, items[items.Count - 1].Syntax.Span.End))
            : value.Syntax.GetLocation();

    // How many items a collection value holds, when the compiler sees them all.
    private static int? KnownCount(IOperation value)
        => KnownItems(Unwrap(value), out var exact) is { } items && exact ? items.Count : null;

    // The items of a collection whose construction the compiler sees: array creations and initializers,
    // collection initializers, collection expressions (with spreads of such collections), params arguments and
    // ImmutableArray.Create. `exact` is false when some items are not known (a spread of a variable, say): the
    // list then holds the known ones, a lower bound.
    private static List<IOperation>? KnownItems(IOperation value, out bool exact)
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
                    ? KnownItems(create.Arguments[0].Value, out exact)
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
                    var spreadItems = KnownItems(inner, out var spreadExact);
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

    private static bool IsRuntimeType(INamedTypeSymbol type, string name)
        => type.Name == name && type.ContainingNamespace is { Name: KnownNames.Namespace, ContainingNamespace.IsGlobalNamespace: true };

    private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
        => type.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault();

    // Only a record's positional constructor ties a parameter to the property of the same name.
    private static bool IsPrimaryConstructor(IMethodSymbol constructor, CancellationToken cancellationToken)
        => constructor.ContainingType.IsRecord
            && constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is RecordDeclarationSyntax);
}
