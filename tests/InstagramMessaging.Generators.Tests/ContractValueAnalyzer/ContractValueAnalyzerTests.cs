using System.Threading.Tasks;
using InstagramMessaging.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractValueAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

public class ContractValueAnalyzerTests
{
    private const string Contracts = """
        using InstagramMessaging;

        [InstagramMessage]
        public partial record Msg([property: MessageText] string Text, [property: ReplyTo] string? ReplyTo = null);

        [InstagramMessage]
        public partial record Init
        {
            [MessageText] public string Body { get; init; } = "hello";
            public string Note { get; init; } = "";
        }

        public record NotAContract(string Text);
        """;

    private static readonly string A1000 = new('a', 1000);
    private static readonly string A1001 = new('a', 1001);

    private static Task Verify(string body, params DiagnosticResult[] expected)
        => Verifier.VerifyAsync(Contracts + "\npublic static class Use\n{\n" + body + "\n}\n", expected);

    [Fact]
    public Task Text_of_1000_bytes_is_fine()
        => Verify($$"""static object M() => new Msg("{{A1000}}");""");

    [Fact]
    public Task Text_of_1001_bytes_is_an_error_with_its_size()
        => Verify(
            $$"""static object M() => new Msg({|#0:"{{A1001}}"|});""",
            Verifier.Diagnostic("IGM001").WithLocation(0).WithArguments("Text", "1001"));

    [Fact]
    public Task Two_byte_characters_are_counted_in_bytes()
        => Verify($$"""
            static object Fits() => new Msg("{{new string('é', 500)}}");
            static object TooLong() => new Msg({|IGM001:"{{new string('é', 500)}}b"|});
            """);

    [Fact]
    public Task Emoji_count_four_bytes()
        => Verify($$"""
            static object Fits() => new Msg("{{string.Concat(System.Linq.Enumerable.Repeat("😀", 250))}}");
            static object TooLong() => new Msg({|IGM001:"{{string.Concat(System.Linq.Enumerable.Repeat("😀", 251))}}"|});
            """);

    [Fact]
    public Task Const_fields_locals_and_constant_concatenation_are_judged()
        => Verify($$"""
            const string Half = "{{new string('a', 600)}}";
            static object Field() => new Msg({|IGM001:Half + Half|});
            static object Local() { const string L = Half + Half; return new Msg({|IGM001:L|}); }
            static object Fits() => new Msg(Half + "{{new string('b', 400)}}");
            """);

    [Fact]
    public Task Interpolation_whose_constant_parts_exceed_the_limit_is_judged()
        => Verify($$"""
            static object TooLong(string name) => new Msg({|IGM001:$"Hi {name}, {{A1000}}"|});
            static object Unknown(string name) => new Msg($"Hi {name}, {{new string('a', 990)}}");
            """);

    [Fact]
    public Task Concatenation_with_a_runtime_value_counts_the_constant_parts()
        => Verify($$"""
            static object TooLong(string name) => new Msg({|IGM001:name + "{{A1001}}"|});
            static object Unknown(string name) => new Msg(name + "abc");
            """);

    [Fact]
    public Task Raw_and_verbatim_strings_are_judged()
        => Verify($$""""
            static object Verbatim() => new Msg({|IGM001:@"{{A1001}}"|});
            static object Raw() => new Msg({|IGM001:"""{{A1001}}"""|});
            """");

    [Fact]
    public Task Target_typed_new_named_arguments_object_initializers_and_with_are_judged()
        => Verify($$"""
            static Msg TargetTyped() => new({|IGM001:"{{A1001}}"|});
            static object Named() => new Msg(ReplyTo: null, Text: {|IGM001:"{{A1001}}"|});
            static object Initializer() => new Init { Body = {|IGM001:"{{A1001}}"|} };
            static object With(Msg m) => m with { Text = {|IGM001:"{{A1001}}"|} };
            """);

    [Fact]
    public Task Empty_and_null_text_are_errors_and_empty_reply_to_too()
        => Verify("""
            static object Empty() => new Msg({|#0:""|});
            static object Null() => new Msg({|#1:null|}!);
            static object EmptyReply() => new Msg("hi", {|#2:""|});
            static object NullReply() => new Msg("hi", null);
            static object InitEmpty() => new Init { Body = {|#3:""|} };
            """,
            Verifier.Diagnostic("IGM010").WithLocation(0).WithArguments("Text", "empty", "text"),
            Verifier.Diagnostic("IGM010").WithLocation(1).WithArguments("Text", "null", "text"),
            Verifier.Diagnostic("IGM010").WithLocation(2).WithArguments("ReplyTo", "empty", "reply_to message id (use null to send no reply_to)"),
            Verifier.Diagnostic("IGM010").WithLocation(3).WithArguments("Body", "empty", "text"));

    [Fact]
    public Task Values_not_known_at_compile_time_are_not_judged()
        => Verify("""
            static readonly string Static = new string('a', 2000);
            static object FromVariable(string s) => new Msg(s);
            static object FromStatic() => new Msg(Static);
            static object FromCall() => new Msg(string.Concat("a", "b"));
            static object FromInitializer(string s) => new Init { Body = s };
            """);

    [Fact]
    public Task Other_members_and_other_types_are_not_judged()
        => Verify($$"""
            static object NotContract() => new NotAContract("{{A1001}}");
            static object NotContent() => new Init { Note = "" };
            """);

    [Fact]
    public Task Declaration_defaults_and_initializers_are_judged()
        => Verifier.VerifyAsync($$"""
            using InstagramMessaging;

            [InstagramMessage]
            public partial record WithDefault([property: MessageText] string Text = {|IGM001:"{{A1001}}"|});

            [InstagramMessage]
            public partial record WithInitializer
            {
                // A get-only member always sends its initializer (a settable one's "" is a placeholder: PlaceholderInitializerTests).
                [MessageText] public string Text { get; } = {|IGM010:""|};
            }

            [InstagramMessage]
            public partial record Fine([property: MessageText] string Text = "{{A1000}}");

            public static class Use
            {
                // The omitted argument takes the default, which is reported once, at the declaration.
                static object M() => new WithDefault();
            }
            """);

    [Fact]
    public Task A_constructor_that_is_not_the_positional_one_is_not_mapped_by_name()
        => Verifier.VerifyAsync($$"""
            using InstagramMessaging;

            [InstagramMessage]
            public partial record Custom
            {
                public Custom(string text) => Text = "fixed";
                [MessageText] public string Text { get; init; }
            }

            public static class Use
            {
                static object M() => new Custom("{{A1001}}");
            }
            """);

    [Fact]
    public Task Code_without_the_runtime_library_is_left_alone()
        => Verifier.VerifyAsync(
            $$"""public record Msg(string Text); public static class Use { static object M() => new Msg("{{A1001}}"); }""",
            withRuntime: false,
            CompilerDiagnostics.Errors);

    [Fact]
    public Task Half_typed_code_does_not_throw()
        => Verifier.VerifyAsync(
            $$"""
            using InstagramMessaging;
            [InstagramMessage]
            public partial record Msg([property: MessageText] string Text);
            public static class Use
            {
                static object Missing() => new Msg();
                static object Unresolved() => new Msg(Undefined.Value);
                static object WrongType() => new Msg(42);
                static object Broken() => new Msg("{{A1001}}"
                static object Unknown() => new Nope { Text = "" };
            }
            """,
            withRuntime: true,
            CompilerDiagnostics.None,
            Verifier.Diagnostic("IGM001").WithSpan(9, 39, 9, 1042).WithArguments("Text", "1001"));

    [Fact]
    public void Descriptors_link_to_their_docs_page()
    {
        foreach (var descriptor in new ContractValueAnalyzer().SupportedDiagnostics)
        {
            Assert.Equal($"https://github.com/instagram-messaging/InstagramMessaging/blob/main/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
        }
    }
}
