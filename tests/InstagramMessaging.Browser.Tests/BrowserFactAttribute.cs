using Xunit;

namespace InstagramMessaging.Browser.Tests;

// A test that needs Chromium: skipped, saying how to install it, when the browser is missing, except on CI
// (CI=true), where it runs and fails.
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!BrowserFixture.IsAvailable && !BrowserFixture.IsCi)
        {
            Skip = BrowserFixture.MissingMessage;
        }
    }
}
