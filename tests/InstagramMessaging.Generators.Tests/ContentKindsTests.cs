using System;
using System.Linq;
using System.Reflection;
using InstagramMessaging.Generators.Model;
using InstagramMessaging.Rules;
using Xunit;

namespace InstagramMessaging.Generators.Tests;

// The generator's side of "one row per kind": every kind has its row, every row names a real attribute, and a
// contract of every media kind generates code that compiles and carries the row's facts. Adding a kind and
// forgetting a source edit fails here.
public class ContentKindsTests
{
    private static readonly Assembly s_runtime = typeof(InstagramMessageAttribute).Assembly;

    public static TheoryData<string> MediaKindNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Enum.GetNames(MediaKinds.All[0].Kind.GetType()))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_content_kind_has_its_row()
    {
        foreach (ContentKind kind in Enum.GetValues(typeof(ContentKind)))
        {
            Assert.Equal(kind, ContentKinds.For(kind).Kind);
        }

        Assert.Equal(Enum.GetValues(typeof(ContentKind)).Length, ContentKinds.All.Length);
    }

    [Theory]
    [MemberData(nameof(MediaKindNames))]
    public void Every_media_kind_has_its_row_and_one_content_kind(string name)
    {
        var row = MediaKinds.All.Single(r => r.Kind.ToString() == name);
        Assert.Same(row, MediaKinds.For(row.Kind));
        var content = ContentKinds.For(ContentKinds.ForMedia(row.Kind));
        Assert.Same(row, content.Media);
        Assert.Equal(row.AttributeDisplayName, content.AttributeDisplayName);
        Assert.Single(ContentKinds.All, r => r.Media?.Kind == row.Kind);
        Assert.Equal(row.AcceptsAnyType, !MediaKinds.SuggestionOrder.Contains(row.Kind));
    }

    [Fact]
    public void Template_kinds_name_their_word_in_the_row_and_no_other_kind_has_one()
    {
        // IGM015 says "a {word} template": the word is the row's, so a new template kind cannot be mislabelled.
        foreach (var row in ContentKinds.All)
        {
            var isTemplate = row.AttributeDisplayName.EndsWith("Template", StringComparison.Ordinal) && row.Kind != ContentKind.Button;
            Assert.Equal(isTemplate, row.TemplateWord is not null);
            if (row.TemplateWord is { } word)
            {
                Assert.Equal(word + " template", row.Noun);
            }
        }
    }

    [Fact]
    public void Every_row_names_a_property_attribute_of_the_runtime_and_every_such_attribute_has_a_row()
    {
        foreach (var row in ContentKinds.All.Where(r => r.AttributeName is not null))
        {
            var attribute = s_runtime.GetType("InstagramMessaging." + row.AttributeName, throwOnError: false);
            Assert.True(attribute is not null, $"{row.Kind}: no attribute InstagramMessaging.{row.AttributeName} in the runtime library");
            Assert.Equal(row.AttributeDisplayName + "Attribute", row.AttributeName);
        }

        var propertyAttributes = s_runtime.GetExportedTypes()
            .Where(t => typeof(Attribute).IsAssignableFrom(t) && t.Namespace == "InstagramMessaging"
                && t.GetCustomAttribute<AttributeUsageAttribute>() is { } usage && usage.ValidOn.HasFlag(AttributeTargets.Property));
        foreach (var attribute in propertyAttributes)
        {
            Assert.True(ContentKinds.ForAttribute(attribute.Name) is not null, $"{attribute.Name} has no row in ContentKinds.All");
        }
    }

    [Fact]
    public void No_kind_lookup_answers_by_default()
    {
        var unknown = (ContentKind)999;
        Assert.Throws<ArgumentOutOfRangeException>(() => ContentKinds.For(unknown));
        var unknownMedia = MediaKinds.All[0].Kind + 999;
        Assert.Throws<ArgumentOutOfRangeException>(() => MediaKinds.For(unknownMedia));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContentKinds.ForMedia(unknownMedia));
        Assert.Null(ContentKinds.ForAttribute("NotOurAttribute"));
    }

    [Theory]
    [MemberData(nameof(MediaKindNames))]
    public void A_contract_of_every_media_kind_generates_code_that_carries_the_row(string name)
    {
        var row = MediaKinds.All.Single(r => r.Kind.ToString() == name);
        var (driver, output, diagnostics) = TestCompilation.Run(TestCompilation.Create($$"""
            using System;
            using InstagramMessaging;
            namespace Shop;
            [InstagramMessage] public partial record Media([property: {{row.AttributeDisplayName}}] Uri Item);
            """));

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        var source = TestCompilation.GeneratedSources(driver)["Shop.Media.g.cs"];
        Assert.Contains("global::InstagramMessaging.Rules.MediaKind." + name, source);
        Assert.Equal(row.CountsAsAudioVideo, source.Contains("global::InstagramMessaging.IAudioVideoMessage"));
    }
}
