using InstagramMessaging.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>What the compiler knows of a string value: all of it (a constant), or a lower bound on its length.</summary>
internal readonly struct KnownText
{
    private KnownText(bool isConstant, string? constant, int minUtf8Bytes)
    {
        IsConstant = isConstant;
        Constant = constant;
        MinUtf8Bytes = minUtf8Bytes;
    }

    /// <summary>The whole value is known: <see cref="Constant"/> (which may be null).</summary>
    public bool IsConstant { get; }

    public string? Constant { get; }

    /// <summary>At least this many UTF-8 bytes, from the constant parts alone.</summary>
    public int MinUtf8Bytes { get; }

    public static KnownText Of(IOperation value)
    {
        if (value.ConstantValue.HasValue)
        {
            var constant = value.ConstantValue.Value as string;
            return new KnownText(true, constant, constant is null ? 0 : MessageRules.Utf8Length(constant));
        }

        return new KnownText(false, null, MinBytes(value));
    }

    // Constant parts of concatenations and interpolations: a value built from them is at least that long.
    private static int MinBytes(IOperation value)
    {
        switch (value)
        {
            case { ConstantValue: { HasValue: true, Value: string s } }:
                return MessageRules.Utf8Length(s);
            case IConversionOperation conversion:
                return MinBytes(conversion.Operand);
            case IParenthesizedOperation parenthesized:
                return MinBytes(parenthesized.Operand);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } add:
                return MinBytes(add.LeftOperand) + MinBytes(add.RightOperand);
            case IInterpolatedStringOperation interpolated:
                var total = 0;
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation text)
                    {
                        total += MinBytes(text.Text);
                    }
                }

                return total;
            default:
                return 0;
        }
    }
}
