using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>Reads placeholder initializers from syntax.</summary>
internal static class Placeholders
{
    /// <summary>Which placeholder <paramref name="initializer"/> is, for a property that can be set (init or set).</summary>
    public static Placeholder Of(IPropertySymbol property, ExpressionSyntax? initializer)
        => property.SetMethod is null || initializer is null ? Placeholder.None : Of(initializer);

    /// <summary>The placeholder initializer of <paramref name="property"/>, if it has one.</summary>
    public static Placeholder OfDeclaration(IPropertySymbol property, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax { Initializer.Value: { } value })
            {
                return Of(property, value);
            }
        }

        return Placeholder.None;
    }

    private static Placeholder Of(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                    expression = suppressed.Operand;
                    continue;
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
            }

            break;
        }

        return expression switch
        {
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression } => Placeholder.Null,
            DefaultExpressionSyntax => Placeholder.Null,
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal when literal.Token.ValueText.Length == 0 => Placeholder.Empty,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Empty", Expression: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.StringKeyword } or IdentifierNameSyntax { Identifier.ValueText: "String" } } => Placeholder.Empty,
            CollectionExpressionSyntax { Elements.Count: 0 } => Placeholder.EmptyCollection,
            InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "Empty" }, Expression: IdentifierNameSyntax { Identifier.ValueText: "Array" } } } => Placeholder.EmptyCollection,
            _ => Placeholder.None,
        };
    }
}
