using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractDeclarationAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

public class ContractDeclarationAnalyzerTests
{
    private static Task Verify(string declarations, params DiagnosticResult[] expected)
        => Verifier.VerifyAsync("using InstagramMessaging;\n" + declarations, expected);

    [Fact]
    public Task Valid_contracts_get_no_diagnostic()
        => Verify("""
            [InstagramMessage] public partial record A([property: MessageText] string Text, [property: ReplyTo] string? ReplyTo = null);
            [InstagramMessage] public partial record struct B([property: MessageText] string Text);
            public partial class Outer { [InstagramMessage] public partial record C { [MessageText] public string Text { get; init; } = "x"; } }
            public record NotAContract(int Count);
            """);

    [Fact]
    public Task A_record_that_is_not_partial_is_IGM004()
        => Verify(
            "[InstagramMessage] public record {|#0:NotPartial|}([property: MessageText] string Text);",
            Verifier.Diagnostic("IGM004").WithLocation(0).WithArguments("NotPartial"));

    [Fact]
    public Task A_partial_class_is_IGM004()
        => Verify("[InstagramMessage] public partial class {|IGM004:NotARecord|} { [MessageText] public string Text { get; set; } = \"x\"; }");

    [Fact]
    public Task A_partial_struct_is_IGM004()
        => Verify("[InstagramMessage] public partial struct {|IGM004:NotARecord|} { [MessageText] public string Text { get; set; } }");

    [Fact]
    public Task A_container_that_is_not_partial_is_IGM004()
        => Verify("public class Outer { [InstagramMessage] public partial record {|IGM004:Inner|}([property: MessageText] string Text); }");

    [Fact]
    public Task An_unsupported_member_type_is_IGM008_at_the_attribute()
        => Verify(
            """
            [InstagramMessage] public partial record A([property: MessageText] string Text, [property: {|#0:ReplyTo|}] int ReplyTo);
            [InstagramMessage] public partial record B([property: {|#1:MessageText|}] int Count); // IGM008 alone: one mistake, one diagnostic (issue 11, pattern 5)
            """,
            Verifier.Diagnostic("IGM008").WithLocation(0).WithArguments("ReplyTo", "ReplyTo", "int", "string"),
            Verifier.Diagnostic("IGM008").WithLocation(1).WithArguments("MessageText", "Count", "int", "string"));

    [Fact]
    public Task A_contract_without_content_is_IGM009()
        => Verify("""
            [InstagramMessage] public partial record {|#0:Empty|};
            [InstagramMessage] public partial record {|#1:OnlyReply|}([property: ReplyTo] string? ReplyTo);
            [InstagramMessage] public partial record {|#2:Unmarked|}(string Text);
            """,
            Verifier.Diagnostic("IGM009").WithLocation(0).WithArguments("Empty"),
            Verifier.Diagnostic("IGM009").WithLocation(1).WithArguments("OnlyReply"),
            Verifier.Diagnostic("IGM009").WithLocation(2).WithArguments("Unmarked"));

    [Fact]
    public Task A_generic_contract_is_IGM011()
        => Verify("""
            [InstagramMessage] public partial record {|IGM011:Generic|}<T>([property: MessageText] string Text);
            public partial class Outer<T> { [InstagramMessage] public partial record {|IGM011:Inner|}([property: MessageText] string Text); }
            """);

    [Fact]
    public Task The_same_content_attribute_twice_is_IGM012()
        => Verify("""
            [InstagramMessage] public partial record Twice([property: MessageText] string A, [property: {|#0:MessageText|}] string B);
            """,
            Verifier.Diagnostic("IGM012").WithLocation(0).WithArguments("MessageText", "Twice", "text"));

    [Fact]
    public Task Content_attributes_outside_contracts_are_left_alone()
        => Verify("public record Plain([property: MessageText] int Count);");

    [Fact]
    public Task Half_typed_declarations_do_not_throw()
        => Verifier.VerifyAsync(
            """
            using InstagramMessaging;
            [InstagramMessage] public partial record A([property: MessageText] Missing Text);
            [InstagramMessage] public partial record B([property: Unknown] string Text
            [InstagramMessage] public partial
            """,
            withRuntime: true,
            CompilerDiagnostics.None,
            Verifier.Diagnostic("IGM008").WithSpan(2, 55, 2, 66).WithArguments("MessageText", "Text", "Missing", "string"),
            Verifier.Diagnostic("IGM009").WithSpan(3, 42, 3, 43).WithArguments("B"));
}
