using Xunit;

namespace InstagramMessaging.Browser.Tests;

// All browser tests share one Chromium process.
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
