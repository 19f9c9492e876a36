using System;
using System.IO;
using Xunit;

namespace InstagramMessaging.Generators.Tests;

// Reviewed generated text lives in Baselines/ beside the tests; UPDATE_BASELINES=1 rewrites it for review.
internal static class Baselines
{
    public static void AssertMatches(string hintName, string generated, string testFile)
    {
        var baselinePath = Path.Combine(Path.GetDirectoryName(testFile)!, "Baselines", hintName);
        if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(baselinePath, generated);
        }

        Assert.True(File.Exists(baselinePath), $"No baseline {baselinePath}; run with UPDATE_BASELINES=1 and review it.");
        Assert.Equal(File.ReadAllText(baselinePath).ReplaceLineEndings("\n"), generated);
    }
}
