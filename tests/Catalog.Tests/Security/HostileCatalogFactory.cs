using Catalog.Tests.Admin;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Import;

namespace Catalog.Tests.Security;

/// <summary>
/// A catalog made only of the hostile seeds (Fixtures/hostile): script tags, event handlers, script URLs in every
/// disguise, 20,000-character labels, 300-deep lists, 500-deep quotes, NUL bytes, imported through the real importer.
/// Admin is on, so its history and preview pages can be checked too.
/// </summary>
public sealed class HostileCatalogFactory : EmptyCatalogFactory, IAsyncLifetime
{
    public static string FolderOfSeeds => Path.Combine(AppContext.BaseDirectory, "Fixtures", "hostile");

    public static string MarkupSeed => Path.Combine(FolderOfSeeds, "hostile-markup.md");

    public static string SizesSeed => Path.Combine(FolderOfSeeds, "hostile-sizes.md");

    public Dictionary<string, ImportReport> Reports { get; } = [];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Catalog:AdminPassword"] = AdminFactory.Password,
        ["Catalog:SignInAttemptsPerMinute"] = "1000",
    };

    public async ValueTask InitializeAsync()
    {
        foreach (var seed in new[] { MarkupSeed, SizesSeed })
        {
            Reports[Path.GetFileName(seed)] = await ImportAsync(seed);
        }
    }

    public async Task<HttpClient> SignedInBrowserAsync()
    {
        var browser = CreateClient(new() { AllowAutoRedirect = false });
        var response = await browser.SignInAsync(AdminFactory.Password);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        return browser;
    }
}
