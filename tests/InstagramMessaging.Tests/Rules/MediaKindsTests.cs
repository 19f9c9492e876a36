using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Tasks;
using InstagramMessaging.Rules;
using InstagramMessaging.Serialization;
using InstagramMessaging.Testing;
using Xunit;

namespace InstagramMessaging.Tests;

// The runtime's side of "one row per kind" (Rules/Table/MediaKinds.cs): every MediaKind has its row, the one
// switch that must stay (the u8 literals of MessageJson.WriteAttachment) agrees with it, and the docs' tables of
// types and sizes say what the table says. Adding a kind and forgetting an edit fails here.
public class MediaKindsTests
{
    public static TheoryData<MediaKind> Kinds()
    {
        var data = new TheoryData<MediaKind>();
        foreach (var kind in Enum.GetValues<MediaKind>())
        {
            data.Add(kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_has_its_row(MediaKind kind)
    {
        var row = MediaKinds.For(kind);
        Assert.Equal(kind, row.Kind);
        Assert.Equal(row.JsonType, MessageRules.JsonType(kind));
        Assert.Equal(row.MaxBytes, MessageRules.MaxMediaBytes(kind));
        Assert.Same(row.MediaTypes, MessageRules.MediaTypes(kind));
        Assert.All(row.MediaTypes, type => Assert.True(MessageRules.IsKnownFileType(type), $"{type} is not in the known file types"));
        Assert.NotNull(typeof(InstagramMessageAttribute).Assembly.GetType("InstagramMessaging." + row.AttributeName));
    }

    [Fact]
    public void The_rows_are_in_enum_order_and_an_unknown_kind_throws()
    {
        Assert.Equal(Enum.GetValues<MediaKind>(), MediaKinds.All.Select(r => r.Kind));
        Assert.Throws<ArgumentOutOfRangeException>(() => MediaKinds.For((MediaKind)999));
        Assert.Throws<ArgumentOutOfRangeException>(() => Write((MediaKind)999));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_attachment_json_carries_the_rows_type(MediaKind kind)
    {
        Assert.Equal($"{{\"type\":\"{MediaKinds.For(kind).JsonType}\",\"payload\":{{\"url\":\"https://cdn.example.com/a\"}}}}", Write(kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_emulator_takes_every_kind_by_its_own_table(MediaKind kind)
    {
        // The emulator keeps its own copy of the platform's facts on purpose; a kind it does not know is refused.
        var row = MediaKinds.For(kind);
        var emulator = new GraphApiEmulator();
        var messenger = new InstagramMessenger(emulator.CreateHttpClient(), new InstagramMessengerOptions { AccessToken = GraphApiEmulator.DefaultAccessToken });
        var extension = row.AcceptsAnyType ? "pdf" : row.MediaTypes[0];

        var id = await messenger.UploadAttachmentAsync(kind, new Uri("https://cdn.example.com/media/sample." + extension));

        var upload = Assert.Single(emulator.Uploads);
        Assert.Equal(id.Value, upload.AttachmentId);
        Assert.Equal(row.JsonType, upload.Type);
    }

    [Fact]
    public void The_diagnostics_pages_and_the_readme_state_the_tables_types_and_sizes()
    {
        var igm003 = Read("docs", "diagnostics", "IGM003.md");
        var igm019 = Read("docs", "diagnostics", "IGM019.md");
        var readme = Read("README.md");
        foreach (var row in MediaKinds.All)
        {
            var types = row.AcceptsAnyType ? "any" : string.Join(", ", row.MediaTypes);
            Assert.Contains($"\n| {row.JsonType} | {types} |", igm003);
            Assert.Contains(row.AcceptsAnyType ? $"{row.JsonType} any type" : $"{row.JsonType} {string.Join("/", row.MediaTypes)}", readme);
            Assert.Contains($"{row.MaxMegabytes} MB", igm019);
        }

        // Exactly the table's kinds, no more: a row removed from the table is removed from the docs.
        Assert.Equal(MediaKinds.All.Length, igm003.Split('\n').Count(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| kind", StringComparison.Ordinal)));

        // Sizes, in the words the pages use (README's "What is supported" and the IGM019 summaries).
        var image = MediaKinds.For(MediaKind.Image).MaxMegabytes;
        var other = MediaKinds.For(MediaKind.File).MaxMegabytes;
        Assert.Contains($"{image} MB for images, {other} MB for audio, video and files", igm019);
        Assert.Contains($"media larger than {image} MB (images) or {other} MB (audio, video, file)", readme);
        Assert.Contains($"up to {image} MB", readme);
        Assert.Contains($"up to {other} MB", readme);
    }

    [Fact]
    public void The_readme_states_the_limits_of_the_table()
    {
        var readme = Read("README.md");
        Assert.Contains($"at most {MessageRules.MaxTextUtf8Bytes} UTF-8 bytes", readme);
        Assert.Contains($"text messages only, at most {MessageRules.MaxQuickReplies}", readme);
        Assert.Contains($"(1 to {MessageRules.MaxTemplateElements}; title/subtitle ≤ {MessageRules.MaxGenericTextLength}; ≤ {MessageRules.MaxTemplateButtons} buttons)", readme);
        Assert.Contains($"(≤ {MessageRules.MaxButtonTemplateTextLength} characters)", readme);
        Assert.Contains($"members (1 to {MessageRules.MaxTemplateButtons})", readme);
        Assert.Contains($"product ids (1 to {MessageRules.MaxTemplateElements})", readme);
    }

    [Fact]
    public void Rule_messages_are_formatted_from_the_constants()
    {
        Assert.Contains(MessageRules.MaxTextUtf8Bytes.ToString(), MessageRules.TextTooLong.Title);
        Assert.Contains(MessageRules.MaxAttachments.ToString(), MessageRules.TooManyAttachments.MessageFormat);
        Assert.Contains(MessageRules.MaxQuickReplies.ToString(), MessageRules.TooManyQuickReplies.Title);
        Assert.Contains(MessageRules.MaxQuickReplyTitleLength.ToString(), MessageRules.QuickReplyTitleTooLong.MessageFormat);
        Assert.Contains("1 to " + MessageRules.MaxTemplateElements, MessageRules.TemplateElementCount.MessageFormat);
        Assert.Equal("'T' has 11 quick replies; Instagram takes at most 13", MessageRules.TooManyQuickReplies.Format("T", 11));
    }

    private static string Write(MediaKind kind)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var json = new MessageJsonWriter(buffer);
        MessageJson.WriteAttachment(ref json, kind, MediaSource.FromUrl("https://cdn.example.com/a"));
        json.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine(new[] { RepositoryRoot() }.Concat(path).ToArray()));

    private static string RepositoryRoot([CallerFilePath] string file = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));
}
