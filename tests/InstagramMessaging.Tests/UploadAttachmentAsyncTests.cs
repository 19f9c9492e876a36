using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using InstagramMessaging.Rules;
using InstagramMessaging.Testing;
using Xunit;
using static InstagramMessaging.Tests.EmulatedMessenger;

namespace InstagramMessaging.Tests;

// InstagramMessenger.UploadAttachmentAsync: the upload call, and the checks made before any request.
public class UploadAttachmentAsyncTests
{
    private const string Igsid = "1254459154682919";
    private static readonly Recipient User = Recipient.Id(Igsid);

    [Fact]
    public async Task Upload_from_a_stream_is_multipart_with_filedata()
    {
        var (messenger, emulator) = Create();
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);

        var id = await messenger.UploadAttachmentAsync(MediaKind.Video, new MemoryStream(bytes), "clip.mp4", "video/mp4");

        var upload = Assert.Single(emulator.Uploads);
        Assert.Equal((id.Value, "video", "clip.mp4", 300_000L), (upload.AttachmentId, upload.Type, upload.FileName, upload.Size));
        Assert.Equal("multipart/form-data", emulator.Requests.Single().MediaType);
        await new Clip(new Uri("https://cdn.example.com/x.mp4")).SendAsync(messenger, User);
    }

    [Fact]
    public async Task Oversized_or_mistyped_uploads_are_refused_before_any_request()
    {
        var (messenger, emulator) = Create();

        var tooBig = await Assert.ThrowsAsync<InstagramMessageValidationException>(
            () => messenger.UploadAttachmentAsync(MediaKind.Image, new MemoryStream(new byte[(8 * 1024 * 1024) + 1]), "big.png"));
        Assert.Equal("IGM019", Assert.Single(tooBig.Violations).RuleId);

        var mistyped = await Assert.ThrowsAsync<InstagramMessageValidationException>(
            () => messenger.UploadAttachmentAsync(MediaKind.Audio, new MemoryStream(new byte[10]), "song.mp3"));
        Assert.Equal("IGM003", Assert.Single(mistyped.Violations).RuleId);

        var relative = await Assert.ThrowsAsync<InstagramMessageValidationException>(
            () => messenger.UploadAttachmentAsync(MediaKind.Image, new Uri("banner.png", UriKind.Relative)));
        Assert.Equal("IGM005", Assert.Single(relative.Violations).RuleId);

        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task Twenty_five_megabytes_of_video_is_the_limit()
    {
        var (messenger, _) = Create();
        await messenger.UploadAttachmentAsync(MediaKind.Video, new MemoryStream(new byte[25 * 1024 * 1024]), "limit.mp4");
        await Assert.ThrowsAsync<InstagramMessageValidationException>(
            () => messenger.UploadAttachmentAsync(MediaKind.Video, new MemoryStream(new byte[(25 * 1024 * 1024) + 1]), "over.mp4"));
    }
}
