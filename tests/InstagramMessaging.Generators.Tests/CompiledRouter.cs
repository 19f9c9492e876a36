using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using InstagramMessaging.Webhooks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace InstagramMessaging.Generators.Tests;

// Runs the routing generator on a source, compiles the result and loads it (the runtime library resolves to the one
// this test process already has loaded, so events and the handler interface are the same types on both sides).
internal static class CompiledRouter
{
    public static IInstagramWebhookHandler Create(string source, string typeName)
    {
        var (_, output, diagnostics) = RoutingGeneratorRun.Run(TestCompilation.Create(source));
        Assert.Empty(diagnostics);

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var context = new AssemblyLoadContext("CompiledRouter", isCollectible: true);
        image.Position = 0;
        Assembly assembly = context.LoadFromStream(image);
        var type = assembly.GetType(typeName, throwOnError: true)!;
        return (IInstagramWebhookHandler)Activator.CreateInstance(type)!;
    }
}
