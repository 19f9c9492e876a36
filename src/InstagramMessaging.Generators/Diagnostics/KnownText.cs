using InstagramMessaging.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>What the compiler knows of a string value: all of it (a constant), or a lower bound on its length.</summary>
internal readonly struct KnownText
{
    private KnownText(bool isConstant, string? constant, int minUtf8Bytes, int minLength)
    {
        IsConstant = isConstant;
        Constant = constant;
        MinUtf8Bytes = minUtf8Bytes;
        MinLength = minLength;
    }

    /// <summary>The whole value is known: <see cref="Constant"/> (which may be null).</summary>
    public bool IsConstant { get; }

    public string? Constant { get; }

    /// <summary>At least this many UTF-8 bytes, from the constant parts alone.</summary>
    public int MinUtf8Bytes { get; }

    /// <summary>At least this many characters, from the constant parts alone.</summary>
    public int MinLength { get; }

    /// <summary>The length in characters for a message: exact, or "at least N".</summary>
    public string Describe() => IsConstant
        ? MinLength.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "at least " + MinLength.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static KnownText Of(IOperation value)
    {
        if (value.ConstantValue.HasValue)
        {
            var constant = value.ConstantValue.Value as string;
            return new KnownText(true, constant, constant is null ? 0 : MessageRules.Utf8Length(constant), constant is null ? 0 : MessageRules.CharacterCount(constant));
        }

        var parts = ConstantParts(value);
        if (IsStringEmpty(value))
        {
            return new KnownText(true, string.Empty, 0, 0);
        }

        return new KnownText(false, null, MessageRules.Utf8Length(parts), MessageRules.CharacterCount(parts));
    }

    // string.Empty is a field, not a constant, but its value is known.
    private static bool IsStringEmpty(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } };
    }

    // Constant parts of concatenations and interpolations: a value built from them is at least that long.
    private static string ConstantParts(IOperation value)
    {
        switch (value)
        {
            case { ConstantValue: { HasValue: true, Value: string s } }:
                return s;
            case IConversionOperation conversion:
                return ConstantParts(conversion.Operand);
            case IParenthesizedOperation parenthesized:
                return ConstantParts(parenthesized.Operand);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } add:
                return ConstantParts(add.LeftOperand) + ConstantParts(add.RightOperand);
            case IInterpolatedStringOperation interpolated:
                var text = new System.Text.StringBuilder();
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation literal)
                    {
                        text.Append(ConstantParts(literal.Text));
                    }
                    else if (part is IInterpolationOperation { Alignment: null, FormatString: null } hole)
                    {
                        // A constant hole (a const field or local, nameof) is known text too.
                        text.Append(ConstantParts(hole.Expression));
                    }
                }

                return text.ToString();
            default:
                return string.Empty;
        }
    }
}
