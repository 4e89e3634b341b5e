namespace Catalog.BrowserTests.Infrastructure;

/// <summary>
/// A catalog whose every link points at <see cref="LinkFixtureWeb"/> on loopback (never the seed's real URLs), with the
/// checker allowed to reach loopback and a link dead after two failed checks however close together.
/// </summary>
public sealed class LinkHealthBrowserFixture : BrowserFixture
{
    private LinkFixtureWeb? _web;
    private string? _seeds;

    protected override async Task<CatalogServer> CreateServerAsync()
    {
        _web = await LinkFixtureWeb.StartAsync();
        _seeds = Directory.CreateTempSubdirectory("catalog-link-seeds").FullName;
        await File.WriteAllTextAsync(Path.Combine(_seeds, "reading-list.md"), Seed(_web.BaseUrl));
        return new CatalogServer(new Dictionary<string, string>
        {
            ["Catalog:SeedsPath"] = _seeds,
            ["Catalog:Links:AllowPrivateAddresses"] = "true",
            ["Catalog:Links:DeadAfter"] = "00:00:00",
            ["Catalog:Links:WaybackApi"] = _web.WaybackApi,

            // Not asked by a check run; pointed here all the same, so nothing this catalog does can leave the machine.
            ["Catalog:Links:ArxivApi"] = _web.BaseUrl + "/arxiv",
            ["Catalog:Links:CrossrefApi"] = _web.BaseUrl + "/crossref",
            ["Catalog:Links:GitHubApi"] = _web.BaseUrl + "/github",
            ["Catalog:Links:YouTubeOEmbed"] = _web.BaseUrl + "/oembed",
        });
    }

    private static string Seed(string web) => $"""
        # Reading list

        A small list for the link report: every address below is served by a fixture web on this machine.

        ## Papers

        - [Notes on deep learning theory]({web}/pages/theory-notes)
        - [Lecture notes on kernel methods]({web}/missing/kernel-notes.pdf)
        - [Workshop on non-convex optimisation]({web}/old/workshop-2019)
        - [Random matrices in deep learning]({web}/pages/random-matrices)

        ## Courses

        - [Statistical mechanics of learning]({web}/pages/statmech)
        - [Summer school videos]({web}/gone/summer-school)
        - [Reading group schedule]({web}/old/reading-group)
        - [Geometry of deep learning seminar]({web}/missing/geometry-seminar)
        """;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        if (_seeds is not null)
        {
            Directory.Delete(_seeds, recursive: true);
        }
    }
}
