using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace InstagramMessaging.Generators.Tests;

public class GeneratorBehaviourTests
{
    [Theory]
    [InlineData("[InstagramMessage] public record NotPartial([property: MessageText] string Text);")]
    [InlineData("[InstagramMessage] public partial class NotARecord { [MessageText] public string Text { get; set; } = \"\"; }")]
    [InlineData("[InstagramMessage] public partial record NoContent(string Text);")]
    [InlineData("[InstagramMessage] public partial record WrongType([property: MessageText] int Count);")]
    [InlineData("[InstagramMessage] public partial record Generic<T>([property: MessageText] string Text);")]
    [InlineData("[InstagramMessage] public partial record Twice([property: MessageText] string A, [property: MessageText] string B);")]
    [InlineData("public class NotPartialOuter { [InstagramMessage] public partial record Inner([property: MessageText] string Text); }")]
    public void Invalid_contracts_get_no_code_and_no_generator_diagnostic(string declaration)
    {
        var (driver, _, diagnostics) = TestCompilation.Run(TestCompilation.Create("using InstagramMessaging;\n" + declaration));

        Assert.Empty(diagnostics);
        Assert.Empty(TestCompilation.GeneratedSources(driver));
    }

    [Fact]
    public void Half_typed_code_does_not_throw()
    {
        var (driver, _, diagnostics) = TestCompilation.Run(TestCompilation.Create("""
            using InstagramMessaging;
            [InstagramMessage]
            public partial record Broken([property: MessageText] string Text, [property: Unknown] Missing X
            [InstagramMessage] public partial record
            """));

        // CS8785 is the warning the driver reports when a generator throws.
        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785");
        Assert.All(driver.GetRunResult().Results, r => Assert.Null(r.Exception));
    }

    [Fact]
    public void Code_without_contracts_generates_nothing()
    {
        var (driver, _, diagnostics) = TestCompilation.Run(TestCompilation.Create("public record Plain(string Text);"));

        Assert.Empty(diagnostics);
        Assert.Empty(TestCompilation.GeneratedSources(driver));
    }

    [Fact]
    public void Every_contract_gets_its_own_file()
    {
        var (driver, output, _) = TestCompilation.Run(TestCompilation.Create(
            "namespace A { [InstagramMessaging.InstagramMessage] public partial record M([property: InstagramMessaging.MessageText] string T); }",
            "namespace B { [InstagramMessaging.InstagramMessage] public partial record M([property: InstagramMessaging.MessageText] string T); }"));

        Assert.Equal(new[] { "A.M.g.cs", "B.M.g.cs" }, TestCompilation.GeneratedSources(driver).Keys.OrderBy(k => k).ToArray());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
