using System.Threading.Tasks;
using InstagramMessaging.Generators.Diagnostics;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace InstagramMessaging.CodeFixes.Tests;

public class MakeContractPartialCodeFixTests
{
    private static Task VerifyAsync(string source, string fixedSource, int? iterations = null)
    {
        var test = new CSharpCodeFixTest<ContractDeclarationAnalyzer, MakeContractPartialCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = new ReferenceAssemblies("custom"),
        };
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
        test.TestState.AdditionalReferences.Add(typeof(InstagramMessageAttribute).Assembly);
        test.FixedState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
        test.FixedState.AdditionalReferences.Add(typeof(InstagramMessageAttribute).Assembly);
        if (iterations is { } n)
        {
            test.NumberOfFixAllIterations = n;
        }

        return test.RunAsync();
    }

    [Fact]
    public Task Adds_partial_after_the_other_modifiers()
        => VerifyAsync(
            """
            using InstagramMessaging;

            [InstagramMessage]
            public sealed record {|IGM004:Notice|}([property: MessageText] string Text);
            """,
            """
            using InstagramMessaging;

            [InstagramMessage]
            public sealed partial record Notice([property: MessageText] string Text);
            """);

    [Fact]
    public Task Adds_partial_to_a_record_struct_without_modifiers()
        => VerifyAsync(
            """
            using InstagramMessaging;

            [InstagramMessage]
            record struct {|IGM004:Notice|}([property: MessageText] string Text);
            """,
            """
            using InstagramMessaging;

            [InstagramMessage]
            partial record struct Notice([property: MessageText] string Text);
            """);

    [Fact]
    public Task Adds_partial_to_containing_types_too()
        => VerifyAsync(
            """
            using InstagramMessaging;

            public static class Messages
            {
                [InstagramMessage]
                public partial record {|IGM004:Notice|}([property: MessageText] string Text);
            }
            """,
            """
            using InstagramMessaging;

            public static partial class Messages
            {
                [InstagramMessage]
                public partial record Notice([property: MessageText] string Text);
            }
            """);

    [Fact]
    public Task Fix_all_makes_every_contract_in_the_document_partial()
        => VerifyAsync(
            """
            using InstagramMessaging;

            [InstagramMessage] public record {|IGM004:A|}([property: MessageText] string Text);
            [InstagramMessage] internal record {|IGM004:B|}([property: MessageText] string Text);
            """,
            """
            using InstagramMessaging;

            [InstagramMessage] public partial record A([property: MessageText] string Text);
            [InstagramMessage] internal partial record B([property: MessageText] string Text);
            """);

    [Fact]
    public async Task A_class_gets_no_fix()
    {
        const string source = """
            using InstagramMessaging;

            [InstagramMessage] public class {|IGM004:NotARecord|} { [MessageText] public string Text { get; set; } = "x"; }
            """;
        await VerifyAsync(source, source);
    }
}
