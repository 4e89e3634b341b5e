using Microsoft.Playwright;

namespace Catalog.BrowserTests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright, plus the app on a real port. Where Chromium is absent the tests skip with
/// that reason, unless CATALOG_REQUIRE_BROWSER=1 (CI), which makes its absence a failure.
/// CATALOG_CHROMIUM_PATH points at another Chromium (and lets the skip path be checked on a machine that has one).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string AdminPassword = "browser-test-password";
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    private static readonly TimeSpan s_stepTimeout = TimeSpan.FromMinutes(2);

    private static readonly string[] s_chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    // A 1x1 transparent PNG.
    private static readonly byte[] s_placeholderPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private IPlaywright? _playwright;

    public static string ChromiumPath { get; } =
        Environment.GetEnvironmentVariable("CATALOG_CHROMIUM_PATH") is { Length: > 0 } path ? path : DefaultChromiumPath;

    public CatalogServer? Server { get; private set; }

    public IBrowser? Browser { get; private set; }

    public string? SkipReason { get; private set; }

    public static string ResultsFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium)";
            if (Environment.GetEnvironmentVariable("CATALOG_REQUIRE_BROWSER") == "1")
            {
                throw new InvalidOperationException(SkipReason + "; CATALOG_REQUIRE_BROWSER=1 requires it.");
            }

            return;
        }

        Directory.CreateDirectory(ResultsFolder);
        Server = await CreateServerAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = s_chromiumArgs,
        });
    }

    /// <summary>The app this fixture's tests browse: the seed of <c>seeds/</c>, unless a fixture needs another catalog.</summary>
    protected virtual Task<CatalogServer> CreateServerAsync() => Task.FromResult(new CatalogServer());

    /// <summary>A fresh page (own context) that records console errors and failed requests for the test to check.</summary>
    public async Task<ObservedPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");
        options ??= new BrowserNewContextOptions();
        options.BaseURL ??= Server!.BaseUrl;
        var context = await Browser!.NewContextAsync(options);
        // Playwright's 30 s default is a budget for one step, not a condition: on a 2-core machine running two suites and
        // builds beside them, a page load took longer. A step that never happens still fails, later.
        context.SetDefaultTimeout((float)s_stepTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)s_stepTimeout.TotalMilliseconds);

        // The seed's figures are hot-linked from other sites, which this sandbox cannot reach: answer them with a
        // placeholder image so a test sees the page as a reader with a network would, not a wall of failed requests.
        await context.RouteAsync(url => !url.StartsWith(Server!.BaseUrl, StringComparison.Ordinal), route =>
            route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "image/png", BodyBytes = s_placeholderPng }));
        return await ObservedPage.OpenAsync(context);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Server?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The admin tests' own server and browser: they change the catalog, which the other tests must not see.</summary>
public sealed class AdminBrowserFixture : BrowserFixture;
