using Catalog.Tests.Infrastructure;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.LinkMetadata;

/// <summary>
/// The whole seed, every URL answered by the loopback fixture (its handler takes every host there): arXiv, Crossref,
/// GitHub and oEmbed by their APIs, the pages in seed-pages.tsv by the tags such a page carries, every other page with
/// a title only. Measures the share of links left "other" before and after.
/// </summary>
public sealed class WholeSeedTests : IAsyncLifetime
{
    public const double MaxOtherShare = 0.10;

    private MetadataWeb _web = null!;
    private MetadataCatalog _catalog = null!;

    public async ValueTask InitializeAsync()
    {
        _web = await MetadataWeb.StartAsync();
        _web.AnswerEveryPage = true;
        foreach (var line in File.ReadLines(MetadataFixtures.PathOf("seed-pages.tsv")).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var fields = line.Split('\t');
            _web.TaggedPage(fields[0], fields[1], fields[2]);
        }

        _catalog = new MetadataCatalog(_web);
    }

    public async ValueTask DisposeAsync()
    {
        await _catalog.DisposeAsync();
        await _web.DisposeAsync();
    }

    [Fact]
    public async Task EverySeedLinkGetsMetadataAndAtMostATenthStaysOther()
    {
        await _catalog.ImportAsync(EmptyCatalogFactory.SeedPath);
        int links, otherBefore;
        using (var db = _catalog.OpenDatabase())
        {
            links = await db.Links.CountAsync(TestContext.Current.CancellationToken);
            otherBefore = await db.Links.CountAsync(l => l.Kind == LinkKinds.Other, TestContext.Current.CancellationToken);
        }

        var summary = await _catalog.RunMetaAsync();

        using var after = _catalog.OpenDatabase();
        var others = await after.Links.Where(l => l.Kind == LinkKinds.Other).Select(l => l.Url).OrderBy(u => u).ToListAsync(TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage($"other before {otherBefore}/{links}, after {others.Count}/{links}");
        await File.WriteAllLinesAsync(Path.Combine(Path.GetTempPath(), "catalog-whole-seed-other.txt"), [$"before {otherBefore}/{links} after {others.Count}/{links}", .. others], TestContext.Current.CancellationToken);
        Assert.Equal(links, summary.Links);
        Assert.Equal(0, summary.Failed);
        Assert.True(others.Count <= links * MaxOtherShare, $"{others.Count} of {links} links left other (before: {otherBefore}): {string.Join(", ", others.Take(20))}");
    }
}
