using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractDeclarationAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

// Issue 11, the crash: one type name on two declarations must never make the generator add a hint name twice
// (CS8785), which would take the generated members away from every contract in the project.
public class GeneratorDuplicateNameTests
{
    private const string Bystander = """
        using InstagramMessaging;
        namespace Shop;
        [InstagramMessage] public partial record Bystander([property: MessageText] string Text);
        """;

    private static (string[] Hints, Compilation Output, System.Collections.Immutable.ImmutableArray<Diagnostic> Diagnostics) Run(params string[] sources)
    {
        var (driver, output, diagnostics) = TestCompilation.Run(TestCompilation.Create(sources.Append(Bystander).ToArray()));
        Assert.All(driver.GetRunResult().Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8784" or "CS8785");
        return (TestCompilation.GeneratedSources(driver).Keys.OrderBy(k => k, System.StringComparer.Ordinal).ToArray(), output, diagnostics);
    }

    [Fact]
    public void The_attribute_on_two_partial_parts_emits_once_and_compiles()
    {
        var (hints, output, _) = Run(
            "using InstagramMessaging; namespace Shop; [InstagramMessage] public partial record Receipt([property: MessageText] string Text);",
            "using InstagramMessaging; namespace Shop; [InstagramMessage] public partial record Receipt { public int Extra => 1; }");

        Assert.Equal(new[] { "Shop.Bystander.g.cs", "Shop.Receipt.g.cs" }, hints);

        // The compiler's own report of the repeated attribute is the only error: the generated half compiles.
        Assert.Equal(new[] { "CS0579" }, output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToArray());
    }

    [Fact]
    public void The_attribute_twice_on_one_part_emits_once()
    {
        var (hints, _, _) = Run("using InstagramMessaging; namespace Shop; [InstagramMessage, InstagramMessage] public partial record Receipt([property: MessageText] string Text);");

        Assert.Equal(new[] { "Shop.Bystander.g.cs", "Shop.Receipt.g.cs" }, hints);
    }

    [Fact]
    public void A_new_contract_whose_name_passes_through_an_existing_one_breaks_nothing_else()
    {
        // "Receipt" on the way to "ReceiptReminder": for a moment two files declare Receipt.
        var (hints, output, _) = Run(
            "using InstagramMessaging; namespace Shop; [InstagramMessage] public partial record Receipt([property: MessageText] string Text);",
            "using InstagramMessaging; namespace Shop; [InstagramMessage] public partial record Receipt([property: MessageText] string Body);");

        Assert.Contains("Shop.Bystander.g.cs", hints);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Location.SourceTree?.FilePath.EndsWith("Bystander.g.cs") == true);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.GetMessage().Contains("Bystander")));
    }

    [Fact]
    public void A_pasted_declaration_of_another_kind_breaks_nothing_else()
    {
        var (hints, _, _) = Run(
            "using InstagramMessaging; namespace Shop; [InstagramMessage] public partial record Receipt([property: MessageText] string Text);",
            "using InstagramMessaging; namespace Shop; [InstagramMessage] public partial record struct Receipt([property: MessageText] string Text);");

        Assert.Equal(new[] { "Shop.Bystander.g.cs" }, hints);
    }

    [Fact]
    public void Names_that_differ_only_in_case_get_distinct_hint_names()
    {
        var (hints, output, _) = Run(
            "using InstagramMessaging; namespace Shop; [InstagramMessage] public partial record Receipt([property: MessageText] string Text);",
            "using InstagramMessaging; namespace Shop; [InstagramMessage] public partial record receipt([property: MessageText] string Text);");

        Assert.Equal(new[] { "Shop.Bystander.g.cs", "Shop.Receipt.g.cs", "Shop.receipt.2.g.cs" }, hints);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_namespace_and_a_type_with_one_dotted_name_do_not_throw()
    {
        var (hints, _, _) = Run(
            "using InstagramMessaging; namespace Shop.Outer { [InstagramMessage] public partial record Inner([property: MessageText] string Text); }",
            "using InstagramMessaging; namespace Shop { public partial class Outer { [InstagramMessage] public partial record Inner([property: MessageText] string Text); } }");

        Assert.Contains("Shop.Bystander.g.cs", hints);
    }

    [Fact]
    public void Two_file_local_contracts_with_one_name_get_no_code_and_do_not_throw()
    {
        var (hints, output, _) = Run(
            "using InstagramMessaging; namespace Shop; [InstagramMessage] file partial record Receipt([property: MessageText] string Text);",
            "using InstagramMessaging; namespace Shop; [InstagramMessage] file partial record Receipt([property: MessageText] string Text);");

        Assert.Equal(new[] { "Shop.Bystander.g.cs" }, hints);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public Task A_file_local_contract_is_IGM021()
        => Verifier.VerifyAsync("""
            using InstagramMessaging;
            [InstagramMessage] file partial record {|#0:Receipt|}([property: MessageText] string Text);
            file partial class Outer { [InstagramMessage] public partial record {|#1:Inner|}([property: MessageText] string Text); }
            """,
            Verifier.Diagnostic("IGM021").WithLocation(0).WithArguments("Receipt"),
            Verifier.Diagnostic("IGM021").WithLocation(1).WithArguments("Inner"));

    [Fact]
    public Task A_member_named_like_a_generated_member_is_IGM022()
        => Verifier.VerifyAsync("""
            using InstagramMessaging;
            [InstagramMessage] public partial record Receipt([property: MessageText] string Text)
            {
                public bool {|#0:Validate|}() => true;
            }
            [InstagramMessage] public partial record Other([property: MessageText] string Text)
            {
                public string {|#1:ToJson|} => "";
            }
            """,
            Verifier.Diagnostic("IGM022").WithLocation(0).WithArguments("Receipt", "Validate"),
            Verifier.Diagnostic("IGM022").WithLocation(1).WithArguments("Other", "ToJson"));

    [Fact]
    public void A_contract_with_its_own_Validate_gets_no_code_instead_of_an_error_inside_generated_code()
    {
        var (hints, output, _) = Run("using InstagramMessaging; namespace Shop; [InstagramMessage] public partial record Receipt([property: MessageText] string Text) { public bool Validate() => true; }");

        Assert.Equal(new[] { "Shop.Bystander.g.cs" }, hints);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
