using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using MediaVerifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.MediaFileAnalyzer>;
using Verifier = InstagramMessaging.Generators.Tests.AnalyzerVerifier<InstagramMessaging.Generators.Diagnostics.ContractValueAnalyzer>;

namespace InstagramMessaging.Generators.Tests;

public class MediaFileAnalyzerTests
{
    [Fact]
    public async Task Media_files_of_the_project_are_checked_for_type_and_size()
    {
        var folder = Directory.CreateTempSubdirectory("igm-media-").FullName;
        try
        {
            var big = Path.Combine(folder, "big.png");
            var fits = Path.Combine(folder, "fits.png");
            var song = Path.Combine(folder, "song.mp3");
            var plain = Path.Combine(folder, "notes.txt");
            await File.WriteAllBytesAsync(big, new byte[(8 * 1024 * 1024) + 1]);
            await File.WriteAllBytesAsync(fits, new byte[8 * 1024 * 1024]);
            await File.WriteAllBytesAsync(song, new byte[10]);
            await File.WriteAllBytesAsync(plain, new byte[10]);

            await MediaVerifier.VerifyAsync(
                "class C { }",
                withRuntime: true,
                CompilerDiagnostics.Errors,
                state =>
                {
                    foreach (var path in new[] { big, fits, song, plain })
                    {
                        state.AdditionalFiles.Add((path, string.Empty));
                    }

                    state.AnalyzerConfigFiles.Add(("/.globalconfig", $"""
                        is_global = true
                        [{big}]
                        build_metadata.AdditionalFiles.InstagramMediaKind = image
                        [{fits}]
                        build_metadata.AdditionalFiles.InstagramMediaKind = Image
                        [{song}]
                        build_metadata.AdditionalFiles.InstagramMediaKind = audio
                        """));
                },
                Verifier.Diagnostic("IGM019").WithLocation(big, new Microsoft.CodeAnalysis.Text.LinePosition(0, 0)).WithArguments("big.png", 8388609L, "image", 8L),
                Verifier.Diagnostic("IGM003").WithLocation(song, new Microsoft.CodeAnalysis.Text.LinePosition(0, 0)).WithArguments("song.mp3", "mp3", "audio", "aac, m4a, wav, mp4"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
