using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace InstagramMessaging.Browser.Tests;

// The one place that finds and launches Chromium for every browser test: Debian's /usr/bin/chromium unless
// INSTAGRAM_EMULATOR_CHROMIUM names another binary. The Playwright package never downloads a browser.
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string PathVariable = "INSTAGRAM_EMULATOR_CHROMIUM";
    private IPlaywright? _playwright;

    public static string ExecutablePath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool IsAvailable => File.Exists(ExecutablePath);

    // On CI a missing browser fails the run instead of skipping the tests.
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string MissingMessage =>
        $"Chromium was not found at {ExecutablePath}. Install it with `sudo apt-get install -y chromium fonts-noto-color-emoji` "
        + $"(Debian/Ubuntu), or set {PathVariable} to a Chromium binary matching Playwright 1.64 (Chromium 156).";

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!IsAvailable)
        {
            if (IsCi)
            {
                throw new InvalidOperationException(MissingMessage);
            }

            return; // the tests are skipped by BrowserFactAttribute
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
