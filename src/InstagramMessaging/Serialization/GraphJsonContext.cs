using System.Text.Json.Serialization;

namespace InstagramMessaging.Serialization;

[JsonSerializable(typeof(GraphResponse))]
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
internal sealed partial class GraphJsonContext : JsonSerializerContext
{
}
