using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractValueAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

/// <summary>
/// Every value rule, written in every form C# offers for its kind of value, at every construction site: the
/// breaking value must be reported there (positive) and the value just inside the limit must not (negative).
/// </summary>
public class ContractValueAnalyzerRuleMatrixTests
{
    private const string Contracts = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using InstagramMessaging;
        [InstagramMessage] public partial record TextC([property: MessageText] string M);
        [InstagramMessage] public partial record ClipC([property: VideoAttachment] string M);
        [InstagramMessage, ButtonTemplate] public partial record NextC([property: MessageText] string M, Button B);
        [InstagramMessage] public partial record ImgsC([property: ImageAttachment] IReadOnlyList<string> M);
        [InstagramMessage] public partial record CatC([property: ProductTemplate] IReadOnlyList<string> M);
        [InstagramMessage] public partial record PollC([property: QuickReplies] IReadOnlyList<QuickReply> M, [property: MessageText] string T);
        """;

    // A rule, the contract and extra constructor arguments it is checked through, and a breaking and a fitting value.
    private sealed record Rule(string Id, string Contract, string Extra, string Ok, Value Breaking, Value Fitting, string Declaration);

    private abstract record Value;

    private sealed record Text(string Content) : Value;

    private sealed record Items(string ElementType, string[] Elements) : Value;

    private static readonly Dictionary<string, Rule> s_rules = new[]
    {
        new Rule("IGM001", "TextC", "", "\"ok\"", new Text(new string('a', 1001)), new Text(new string('a', 1000)), "[InstagramMessage] public partial record Decl { [MessageText] public string M { get; init; } = {V}; }"),
        new Rule("IGM010", "TextC", "", "\"ok\"", new Text(""), new Text("x"), "[InstagramMessage] public partial record Decl { [MessageText] public string M { get; init; } = {V}; }"),
        new Rule("IGM003", "ClipC", "", "\"https://a.example/ok.mp4\"", new Text("https://a.example/v.wav"), new Text("https://a.example/v.mp4"), "[InstagramMessage] public partial record Decl { [VideoAttachment] public string M { get; init; } = {V}; }"),
        new Rule("IGM005", "ClipC", "", "\"https://a.example/ok.mp4\"", new Text("v.mp4"), new Text("https://a.example/v.mp4"), "[InstagramMessage] public partial record Decl { [VideoAttachment] public string M { get; init; } = {V}; }"),
        new Rule("IGM016", "NextC", ", Button.Postback(\"Go\", \"GO\")", "\"ok\"", new Text(new string('b', 641)), new Text(new string('b', 640)), "[InstagramMessage, ButtonTemplate] public partial record Decl { [MessageText] public string M { get; init; } = {V}; public Button B { get; init; } = Button.Postback(\"Go\", \"GO\"); }"),
        new Rule("IGM002", "ImgsC", "", "new[] { \"https://a.example/ok.png\" }", Urls(11), Urls(10), "[InstagramMessage] public partial record Decl { [ImageAttachment] public IReadOnlyList<string> M { get; init; } = {V}; }"),
        new Rule("IGM015", "CatC", "", "new[] { \"p\" }", new Items("string", Enumerable.Range(0, 11).Select(i => $"\"p{i}\"").ToArray()), new Items("string", Enumerable.Range(0, 10).Select(i => $"\"p{i}\"").ToArray()), "[InstagramMessage] public partial record Decl { [ProductTemplate] public IReadOnlyList<string> M { get; init; } = {V}; }"),
        new Rule("IGM013", "PollC", ", \"Pick\"", "new QuickReply[] { new(\"a\", \"b\") }", Replies(14), Replies(13), "[InstagramMessage] public partial record Decl { [MessageText] public string T { get; init; } = \"Pick\"; [QuickReplies] public IReadOnlyList<QuickReply> M { get; init; } = {V}; }"),
    }.ToDictionary(r => r.Id);

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var rule in s_rules.Values)
        {
            foreach (var form in Forms(rule.Breaking).Keys)
            {
                data.Add(rule.Id, form, true);
                data.Add(rule.Id, form, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Every_rule_in_every_form_at_every_construction_site(string ruleId, string form, bool breaking)
    {
        var rule = s_rules[ruleId];
        var value = Forms(breaking ? rule.Breaking : rule.Fitting)[form];
        var mark = (string expression) => breaking ? $"{{|{rule.Id}:{expression}|}}" : expression;
        var source = new StringBuilder(Contracts).AppendLine("public static partial class Use").AppendLine("{");
        source.AppendLine(value.Declarations);

        // The declaration site: a property initializer, for the forms that need no statement or parameter.
        if (value.Statements.Length == 0 && !UsesParameter(value.Expression))
        {
            // A written "" on a settable member is the placeholder idiom, judged where the contract is built (issue 11).
            var placeholder = rule.Id == "IGM010" && form is "literal" or "verbatim" or "raw";
            source.AppendLine("    " + rule.Declaration.Replace("{V}", placeholder ? value.Expression : mark(value.Expression), StringComparison.Ordinal));
        }

        var c = rule.Contract;
        source.AppendLine($"    static object New(string s) {{ {value.Statements} return new {c}({mark(value.Expression)}{rule.Extra}); }}");
        source.AppendLine($"    static object Named(string s) {{ {value.Statements} return new {c}(M: {mark(value.Expression)}{rule.Extra}); }}");
        source.AppendLine($"    static object TargetTyped(string s) {{ {value.Statements} {c} made = new({mark(value.Expression)}{rule.Extra}); return made; }}");
        source.AppendLine($"    static object Initializer(string s) {{ {value.Statements} return new {c}({rule.Ok}{rule.Extra}) {{ M = {mark(value.Expression)} }}; }}");
        source.AppendLine($"    static object With({c} existing, string s) {{ {value.Statements} return existing with {{ M = {mark(value.Expression)} }}; }}");
        source.AppendLine("}");
        return Verifier.VerifyAsync(source.ToString());
    }

    private sealed record Form(string Expression, string Declarations = "", string Statements = "");

    // The interpolation and run-time concatenation forms read the method's parameter `s`.
    private static bool UsesParameter(string expression) => expression.StartsWith("$\"{s}", StringComparison.Ordinal) || expression.StartsWith("s + ", StringComparison.Ordinal);

    private static Dictionary<string, Form> Forms(Value value) => value switch
    {
        Text { Content: var t } when t.Length >= 1000 || t.Length == 640 || t.Length == 641 => TextForms(t, withInterpolation: true),
        Text { Content: var t } => TextForms(t, withInterpolation: false),
        Items items => ItemForms(items),
        _ => throw new InvalidOperationException(),
    };

    private static Dictionary<string, Form> TextForms(string t, bool withInterpolation)
    {
        var half = t.Length / 2;
        var forms = new Dictionary<string, Form>
        {
            ["literal"] = new($"\"{t}\""),
            ["verbatim"] = new($"@\"{t}\""),
            ["raw"] = t.Length == 0 ? new("\"\"") : new($"\"\"\"{t}\"\"\""),
            ["const field"] = new("K", Declarations: $"    const string K = \"{t}\";"),
            ["const local"] = new("L", Statements: $"const string L = \"{t}\";"),
            ["constant concatenation"] = new($"\"{t[..half]}\" + \"{t[half..]}\""),
        };
        if (withInterpolation)
        {
            // The constant parts alone decide: a hole adds at least nothing.
            forms["interpolation"] = new($"$\"{{s}}{t}\"");
            forms["concatenation with a run-time value"] = new($"s + \"{t}\"");
        }

        return forms;
    }

    private static Dictionary<string, Form> ItemForms(Items items)
    {
        var list = string.Join(", ", items.Elements);
        var half = items.Elements.Length / 2;
        return new Dictionary<string, Form>
        {
            ["array initializer"] = new($"new {items.ElementType}[] {{ {list} }}"),
            ["collection expression"] = new($"[{list}]"),
            ["spreads of known collections"] = new($"[.. new {items.ElementType}[] {{ {string.Join(", ", items.Elements.Take(half))} }}, .. new {items.ElementType}[] {{ {string.Join(", ", items.Elements.Skip(half))} }}]"),
            ["collection initializer"] = new($"new List<{items.ElementType}> {{ {list} }}"),
            ["ImmutableArray.Create"] = new($"ImmutableArray.Create<{items.ElementType}>({list})"),
        };
    }

    private static Items Urls(int n) => new("string", Enumerable.Range(0, n).Select(i => $"\"https://a.example/{i}.png\"").ToArray());

    private static Items Replies(int n) => new("QuickReply", Enumerable.Range(0, n).Select(i => $"new(\"Choice {i}\", \"P{i}\")").ToArray());
}
