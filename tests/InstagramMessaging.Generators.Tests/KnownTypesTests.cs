using System.Linq;
using System.Threading.Tasks;
using InstagramMessaging.Generators.Diagnostics;
using InstagramMessaging.Generators.Parsing;
using Xunit;

namespace InstagramMessaging.Generators.Tests;

public class KnownTypesTests
{
    [Fact]
    public void Resolved_once_per_compilation_and_absent_without_the_runtime_library()
    {
        var compilation = TestCompilation.Create("namespace Shop; public record Order(string Id);");
        var known = KnownTypes.From(compilation);
        Assert.NotNull(known);
        Assert.Same(known, KnownTypes.From(compilation));
        Assert.NotSame(known, KnownTypes.From(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class Edit { }", TestCompilation.ParseOptions))));
        Assert.All(new object?[] { known!.QuickReply, known.GenericElement, known.Button, known.IceBreakerSet, known.InstagramMessenger, known.Uri, known.IReadOnlyList, known.ImmutableArray, known.ButtonTemplateAttribute, known.QuickReplyAttribute }, Assert.NotNull);

        var withoutRuntime = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Plain", references: Basic.Reference.Assemblies.Net80.References.All);
        Assert.Null(KnownTypes.From(withoutRuntime));
    }

    [Fact]
    public async Task A_look_alike_type_in_another_namespace_is_not_ours()
    {
        // Name checks used to disagree: one analyzer took any namespace named InstagramMessaging, another none at
        // all. Symbols from KnownTypes say the same everywhere: Fake.InstagramMessaging.QuickReplyAttribute is not ours.
        var source = """
            using InstagramMessaging;

            namespace Fake.InstagramMessaging
            {
                [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = true)]
                public sealed class QuickReplyAttribute : System.Attribute { public QuickReplyAttribute(string? t, string? p) { } }
            }

            namespace Shop
            {
                [InstagramMessage]
                [Fake.InstagramMessaging.QuickReply(null, null)]
                public partial record Hello([property: MessageText] string Text);
            }
            """;
        await AnalyzerVerifier<ContractDeclarationAnalyzer>.VerifyAsync(source);
    }
}
