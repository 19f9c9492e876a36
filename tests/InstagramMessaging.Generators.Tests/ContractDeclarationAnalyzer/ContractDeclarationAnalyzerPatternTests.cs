using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractDeclarationAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

// Issue 11, patterns 5 and 7 and the static content member: one mistake gets one diagnostic, and content
// inherited from a non-contract base record is content.
public class ContractDeclarationAnalyzerPatternTests
{
    [Fact]
    public Task An_unsupported_member_type_is_IGM008_only()
        => Verifier.VerifyAsync("""
            using InstagramMessaging;
            [InstagramMessage] public partial record A([property: {|IGM008:MessageText|}] int Count);
            [InstagramMessage, ButtonTemplate] public partial record B([property: {|IGM008:MessageText|}] int Count, Button Go);
            """);

    [Fact]
    public Task A_static_content_member_is_IGM008_not_no_content()
        => Verifier.VerifyAsync("""
            using InstagramMessaging;
            [InstagramMessage] public partial record A { [{|#0:MessageText|}] public static string Text { get; } = "hi"; }
            """,
            Verifier.Diagnostic("IGM008").WithLocation(0).WithArguments("MessageText", "Text", "static string", "instance properties of string"));

    [Fact]
    public Task A_positional_parameter_named_like_a_generated_member_is_IGM022()
        => Verifier.VerifyAsync("""
            using InstagramMessaging;
            [InstagramMessage] public partial record A([property: MessageText] string Text, string {|IGM022:ToJson|});
            """);

    private const string Inherited = """
        using InstagramMessaging;
        namespace Shop;
        public abstract record MessageBase { [MessageText] public string Text { get; init; } = "hello"; }
        [InstagramMessage] public partial record Hello : MessageBase;
        public record PositionalBase([property: MessageText] string Body);
        [InstagramMessage] public partial record Greeting(string Body, [property: ReplyTo] string? To = null) : PositionalBase(Body);
        """;

    [Fact]
    public Task A_content_member_inherited_from_a_non_contract_base_is_content()
        => Verifier.VerifyAsync(Inherited);

    [Fact]
    public void A_contract_with_inherited_content_gets_code_that_compiles_and_writes_the_text()
    {
        var (driver, output, diagnostics) = TestCompilation.Run(TestCompilation.Create(Inherited));

        Assert.Empty(diagnostics);
        var sources = TestCompilation.GeneratedSources(driver);
        Assert.Equal(new[] { "Shop.Greeting.g.cs", "Shop.Hello.g.cs" }, sources.Keys.OrderBy(k => k, System.StringComparer.Ordinal).ToArray());
        Assert.Contains("this.Text", sources["Shop.Hello.g.cs"]);
        Assert.Contains("this.Body", sources["Shop.Greeting.g.cs"]);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
