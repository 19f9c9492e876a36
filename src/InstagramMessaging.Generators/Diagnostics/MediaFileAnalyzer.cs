using System;
using System.Collections.Immutable;
using System.IO;
using InstagramMessaging.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace InstagramMessaging.Generators.Diagnostics;

/// <summary>
/// Checks media files the project declares as <c>&lt;InstagramMedia Include="..." Kind="image" /&gt;</c> (they reach the
/// analyzer as additional files with <c>InstagramMediaKind</c> metadata): the type the kind takes (IGM003) and
/// the size limit (IGM019).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MediaFileAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The additional-file metadata that names a media file's kind.</summary>
    public const string KindMetadata = "build_metadata.AdditionalFiles.InstagramMediaKind";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MediaTypeNotSupported,
        DiagnosticDescriptors.MediaTooLarge);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationAction(AnalyzeMediaFiles);
    }

    private static void AnalyzeMediaFiles(CompilationAnalysisContext context)
    {
        foreach (var file in context.Options.AdditionalFiles)
        {
            if (!context.Options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(KindMetadata, out var kindText)
                || !Enum.TryParse<MediaKind>(kindText, ignoreCase: true, out var kind))
            {
                continue;
            }

            var location = Location.Create(file.Path, default, default);
            var name = Path.GetFileName(file.Path);
            if (MessageRules.IsMediaTypeRejected(kind, name, out var extension))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MediaTypeNotSupported, location, name, extension, MessageRules.JsonType(kind), string.Join(", ", MessageRules.MediaTypes(kind))));
            }

            if (SizeOf(file.Path) is { } size && size > MessageRules.MaxMediaBytes(kind))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MediaTooLarge, location, name, size, MessageRules.JsonType(kind), MessageRules.MaxMediaBytes(kind) / (1024 * 1024)));
            }
        }
    }

    // The size of a media file is not part of any compiler input; reading the file's length is the only way to
    // know it, and the file is one the project itself lists.
#pragma warning disable RS1035 // Do not use APIs banned for analyzers
    private static long? SizeOf(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? info.Length : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
#pragma warning restore RS1035
}
