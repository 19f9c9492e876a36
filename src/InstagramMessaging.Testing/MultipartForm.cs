using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace InstagramMessaging.Testing;

// A multipart/form-data body: text fields, and the one file field (filedata) uploads carry.
internal sealed class MultipartForm
{
    public Dictionary<string, string> Fields { get; } = new();

    public (string FileName, byte[] Content)? File { get; private set; }

    public static async Task<MultipartForm?> ReadAsync(EmulatedRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return null;
        }

        var form = new MultipartForm();
        var reader = new MultipartReader(boundary, new MemoryStream(request.Content));
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
                if (name == "filedata")
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? string.Empty;
                    form.File = (fileName, content.ToArray());
                }
                else
                {
                    form.Fields[name] = System.Text.Encoding.UTF8.GetString(content.ToArray());
                }
            }
        }
        catch (IOException)
        {
            return null;
        }

        return form;
    }
}
