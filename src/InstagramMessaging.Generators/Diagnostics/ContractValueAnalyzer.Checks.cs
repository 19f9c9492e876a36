using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using InstagramMessaging.Generators.Model;
using InstagramMessaging.Generators.Parsing;
using InstagramMessaging.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace InstagramMessaging.Generators.Diagnostics;

// The per-kind checks of contract values: text, media, quick replies, templates, buttons, and the runtime
// types that are not contracts (GenericElement, QuickReply, IceBreaker, IceBreakerSet).
public sealed partial class ContractValueAnalyzer
{
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

            var unwrapped = KnownValues.Unwrap(value);
            counts[property] = KnownValues.Items(unwrapped, out var exact) is { } items ? (exact ? items.Count : null)
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
            if (ContentKinds.For(member.Kind).TemplateWord is { } templateWord)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TemplateElementCount, location, name, 0, templateWord));
            }
            else
            {
                var what = member.Placeholder == Placeholder.Null ? "null (its placeholder, not set here)" : "empty (its placeholder, not set here)";
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, location, name, what, EmptyNoun(member.Kind)));
            }
        }
    }

    private static string EmptyNoun(ContentKind kind) => ContentKinds.For(kind).EmptyNoun;

    private static MediaKind? MediaKindOf(ContentKind kind) => ContentKinds.For(kind).Media?.Kind;

    private static void CheckValue(System.Action<Diagnostic> report, IPropertySymbol? property, IOperation value, ContractFacts facts, KnownTypes known)
    {
        if (property is null)
        {
            return;
        }

        if (facts.KindOf(property) is not { } kind)
        {
            // A button template's buttons: a list member takes 1 to 3.
            if (property.Type is INamedTypeSymbol { TypeArguments.Length: 1 } list && KnownTypes.Is(list.TypeArguments[0], known.Button)
                && facts.IsButtonTemplate && KnownValues.Count(value) is { } buttons and (0 or > MessageRules.MaxTemplateButtons))
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

        if (kind == ContentKind.ProductTemplate && KnownValues.Items(KnownValues.Unwrap(value), out _) is { } products)
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
            CheckMedia(report, property, mediaKind, value, known);
            return;
        }

        if (kind == ContentKind.QuickReplies)
        {
            // Replies declared with [QuickReply] on the record count too.
            var declared = facts.DeclaredQuickReplies;
            if (KnownValues.Items(KnownValues.Unwrap(value), out _) is { } replies && declared + replies.Count > MessageRules.MaxQuickReplies)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.TooManyQuickReplies, value.Syntax.GetLocation(), property.ContainingType.Name, declared + replies.Count));
            }

            return;
        }

        if (ContentKinds.For(kind).TemplateWord is { } word)
        {
            if (KnownValues.Count(value) is { } elements and (0 or > MessageRules.MaxTemplateElements))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.TemplateElementCount, value.Syntax.GetLocation(), property.Name, elements, word));
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

    private static void CheckMedia(System.Action<Diagnostic> report, IPropertySymbol property, MediaKind kind, IOperation value, KnownTypes known)
    {
        // An audio, video or file member is the whole message: null or "" sends nothing. (An image member may
        // be null when other image members carry the images.)
        if (kind != MediaKind.Image && KnownValues.Unwrap(value).ConstantValue is { HasValue: true } constant && constant.Value is null or "")
        {
            report(Diagnostic.Create(DiagnosticDescriptors.EmptyValue, value.Syntax.GetLocation(), property.Name, constant.Value is null ? "null" : "empty", MessageRules.JsonType(kind) + " attachment"));
            return;
        }

        value = KnownValues.Unwrap(value);
        if (KnownValues.Items(value, out _) is { } items)
        {
            // A lower bound is enough: a spread of unknown size only adds to what is already too many.
            if (items.Count > MessageRules.MaxAttachments)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.TooManyAttachments, LocationOf(value, items), property.Name, items.Count));
            }

            foreach (var element in items)
            {
                CheckMedia(report, property, kind, element, known);
            }

            return;
        }

        if (KnownValues.Url(value, known) is not { } url)
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
                AttributeLocation(property, known),
                FixProperties(kind, extension),
                property.Name,
                extension,
                MessageRules.JsonType(kind),
                string.Join(", ", MessageRules.MediaTypes(kind))));
        }
    }

    // Where the member's attachment attribute is written, so a fix can change it (it may be in another file).
    private static IEnumerable<Location> AttributeLocation(IPropertySymbol property, KnownTypes known)
    {
        ContractReader.GetContentKind(property, known, out var attribute);
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

    private static void AnalyzeGenericElement(System.Action<Diagnostic> report, IObjectCreationOperation creation, KnownTypes known)
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
            else if (target.Property.Name is "ImageUrl" or "DefaultActionUrl" && KnownValues.Url(assignment.Value, known) is { } url && !MessageRules.IsAbsoluteHttpUrl(url))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.InvalidUrl, assignment.Value.Syntax.GetLocation(), target.Property.Name, url));
            }
            else if (target.Property.Name == "Buttons" && KnownValues.Count(assignment.Value) is > MessageRules.MaxTemplateButtons and var buttons)
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
            if (array.Parent is { } arrayCreation && ReachesContract(arrayCreation, known))
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

            if (container is not null && ReachesContract(container, known))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.GenericElementIncomplete, creation.Syntax.GetLocation(), collection.Elements.IndexOf(item), "this collection"));
            }
        }
    }

    // Where to point at a collection: for a params argument (an implicit array) the span of its items.
    private static Location LocationOf(IOperation value, List<IOperation> items)
        => value.IsImplicit && items.Count > 0
            ? Location.Create(value.Syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(items[0].Syntax.SpanStart, items[items.Count - 1].Syntax.Span.End))
            : value.Syntax.GetLocation();
}
