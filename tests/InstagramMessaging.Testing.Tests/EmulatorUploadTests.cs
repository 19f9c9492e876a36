using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static InstagramMessaging.Testing.Tests.RawGraphRequests;

namespace InstagramMessaging.Testing.Tests;

// The emulator's message_attachments edge (UploadHandler), spoken to in raw JSON and multipart forms.
public class EmulatorUploadTests
{
    [Fact]
    public async Task Uploads_need_platform_instagram_and_fitting_media()
    {
        var emulator = new GraphApiEmulator();
        const string path = "/v25.0/me/message_attachments";

        var (ok, answer) = await PostAsync(emulator, """{"platform":"instagram","message":{"attachment":{"type":"image","payload":{"url":"https://a.example/a.png","is_reusable":true}}}}""", path);
        Assert.Equal(HttpStatusCode.OK, ok);
        var id = answer.GetProperty("attachment_id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(emulator, $$$$$"""{"recipient":{"id":"1"},"message":{"attachment":{"type":"image","payload":{"attachment_id":"{{{{{id}}}}}"}}}}""")).Status);

        Assert.Equal((100, null), Error((await PostAsync(emulator, """{"message":{"attachment":{"type":"image","payload":{"url":"https://a.example/a.png"}}}}""", path)).Body));
        Assert.Equal((100, 2018047), Error((await PostAsync(emulator, """{"platform":"instagram","message":{"attachment":{"type":"video","payload":{"url":"https://a.example/a.png"}}}}""", path)).Body));
    }

    [Fact]
    public async Task Multipart_uploads_are_size_checked()
    {
        var emulator = new GraphApiEmulator();
        MultipartFormDataContent Form(int size, string name)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent("instagram"), "platform" },
                { new StringContent("""{"attachment":{"type":"image","payload":{"is_reusable":true}}}"""), "message" },
            };
            form.Add(new ByteArrayContent(new byte[size]), "filedata", name);
            return form;
        }

        var (ok, _) = await SendAsync(emulator, HttpMethod.Post, "/v25.0/me/message_attachments", Form(1000, "a.png"));
        var (_, tooLarge) = await SendAsync(emulator, HttpMethod.Post, "/v25.0/me/message_attachments", Form((8 * 1024 * 1024) + 1, "b.png"));
        var (_, wrongType) = await SendAsync(emulator, HttpMethod.Post, "/v25.0/me/message_attachments", Form(10, "c.mp3"));

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal((100, 2018109), Error(tooLarge));
        Assert.Equal((100, 2018047), Error(wrongType));
        Assert.Equal(1000, Assert.Single(emulator.Uploads).Size);
    }
}
