using Microsoft.Playwright;

namespace Catalog.BrowserTests.Infrastructure;

/// <summary>A Playwright page that remembers every console error and failed request, so tests can assert there were none.</summary>
public sealed class ObservedPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private ObservedPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // "Failed to load resource" repeats what the Response handler below records with the address.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Problems.Add($"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => Problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) =>
        {
            // A request the page cancelled itself (search-suggest.js aborts a stale fetch; leaving a page stops its
            // loads) is not a failure.
            if (request.Failure != "net::ERR_ABORTED")
            {
                Problems.Add($"request failed: {request.Url} ({request.Failure})");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                Problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    public List<string> Problems { get; } = [];

    public static async Task<ObservedPage> OpenAsync(IBrowserContext context) => new(context, await context.NewPageAsync());

    /// <summary>Opens an address of the app, fails unless it answers 200, and waits for its fonts too.</summary>
    public async Task GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response is { Status: 200 }, $"GET {path} answered {response?.Status.ToString() ?? "nothing"}");
        await SettledAsync();
    }

    /// <summary>
    /// Waits for the fonts the page asked for (KaTeX's load once the math is typeset), on top of the load event
    /// Playwright already waited for, so a font that fails to load is seen by the test that loaded it.
    /// </summary>
    public Task SettledAsync() => Page.EvaluateAsync("() => document.fonts.ready.then(() => undefined)");

    /// <summary>Saves a screenshot (the whole page, or what the viewport shows) into the test results folder.</summary>
    public Task ScreenshotAsync(string name, bool fullPage = true) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ResultsFolder, name + ".png"), FullPage = fullPage });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
