using System.Text.Json.Nodes;
using Xunit;

namespace InstagramMessaging.Tests;

internal static class JsonAssert
{
    /// <summary>Compares two JSON documents as parsed values: key order and white space do not matter.</summary>
    public static void Equivalent(string expected, string actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        var actualNode = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(expectedNode, actualNode), $"Expected\n{expectedNode?.ToJsonString()}\nbut got\n{actualNode?.ToJsonString()}");
    }
}
