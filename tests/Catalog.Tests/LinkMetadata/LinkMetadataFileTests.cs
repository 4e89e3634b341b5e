using System.Text;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Links.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.LinkMetadata;

public sealed class LinkMetadataFileTests : IAsyncLifetime
{
    private MetadataWeb _web = null!;
    private MetadataCatalog _fetched = null!;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "catalog-tests", Guid.NewGuid().ToString("n"));

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _web = await MetadataWeb.StartAsync();
        LinkMetadataRunTests.ServePages(_web);
        _fetched = new MetadataCatalog(_web);
        await _fetched.ImportMarkdownAsync(LinkMetadataRunTests.Seed);
        await _fetched.RunMetaAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _fetched.DisposeAsync();
        await _web.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string> ExportAsync()
    {
        var path = Path.Combine(_folder, "export.links.json");
        var output = new StringWriter();
        Assert.Equal(0, await new LinkMetadataFileCommand(_fetched.Services).ExportAsync(path, output, TestContext.Current.CancellationToken));
        Assert.Contains("exported link metadata of 14 links", output.ToString());
        return path;
    }

    private static async Task<List<LinkMetadataRow>> RowsAsync(EmptyCatalogFactory catalog)
    {
        using var db = catalog.OpenDatabase();
        return await db.LinkMetadata.Where(r => r.FetchedAt != null).OrderBy(r => r.Url).ToListAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ExportThenImportGivesAnOfflineCatalogTheSameMetadataAndKinds()
    {
        var path = await ExportAsync();
        await using var offline = new EmptyCatalogFactory();
        await offline.ImportAsync(new Catalog.Web.Import.SeedFile("links.md", Encoding.UTF8.GetBytes(LinkMetadataRunTests.Seed)));

        var output = new StringWriter();
        Assert.Equal(0, await new LinkMetadataFileCommand(offline.Services).ImportAsync(path, output, TestContext.Current.CancellationToken));

        var before = await RowsAsync(_fetched);
        var after = await RowsAsync(offline);
        Assert.Equal(before.Select(r => (r.Url, r.Title, r.Authors, r.Year, r.Venue, r.CanonicalId, r.Kind, r.Stars, r.Source, r.FieldSources)),
            after.Select(r => (r.Url, r.Title, r.Authors, r.Year, r.Venue, r.CanonicalId, r.Kind, r.Stars, r.Source, r.FieldSources)));
        using var db = offline.OpenDatabase();
        Assert.Equal("course", await db.Links.Where(l => l.Url == "https://math.example.edu/dl-theory").Select(l => l.Kind).SingleAsync(TestContext.Current.CancellationToken));
        using var client = offline.CreateClient();
        var search = await client.GetStringAsync("/api/search?q=Jacot", TestContext.Current.CancellationToken);
        Assert.Contains("https://arxiv.org/pdf/1806.07572v2", search);
    }

    [Theory]
    [InlineData("""{"format":"something-else","version":1,"exportedAt":"2026-01-01T00:00:00Z","links":[]}""")]
    [InlineData("""{"format":"catalog-link-metadata","version":2,"exportedAt":"2026-01-01T00:00:00Z","links":[]}""")]
    [InlineData("""{"format":"catalog-link-metadata","version":1,"exportedAt":"2026-01-01T00:00:00Z","links":[{"url":"https://ok.example.org/","title":"Fine"},{"url":"javascript:alert(1)","title":"Bad"}]}""")]
    [InlineData("""{"format":"catalog-link-metadata","version":1,"links":[{"url":""")]
    public async Task AFileThatIsNotValidIsRefusedWholeAndLoadsNothing(string json)
    {
        var path = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);
        var count = (await RowsAsync(_fetched)).Count;

        var exit = await new LinkMetadataFileCommand(_fetched.Services).ImportAsync(path, new StringWriter(), TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Equal(count, (await RowsAsync(_fetched)).Count);
        Assert.DoesNotContain(await RowsAsync(_fetched), r => r.Url == "https://ok.example.org/");
    }

    [Fact]
    public async Task AnImportedFileIsCleanedLikeAFetchedPage()
    {
        var path = Path.Combine(_folder, "hostile.json");
        var json = JsonSerializer.Serialize(new
        {
            format = "catalog-link-metadata", version = 1, exportedAt = DateTimeOffset.UnixEpoch,
            links = new[] { new { url = "https://evil.example.org/", title = "<b>Bold</b>\u202e " + new string('x', 10_000), pdfUrl = "javascript:alert(1)", kind = "malware", fetchedAt = DateTimeOffset.UnixEpoch } },
        });
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);

        Assert.Equal(0, await new LinkMetadataFileCommand(_fetched.Services).ImportAsync(path, new StringWriter(), TestContext.Current.CancellationToken));

        var row = (await RowsAsync(_fetched)).Single(r => r.Url == "https://evil.example.org/");
        Assert.StartsWith("Bold xxx", row.Title);
        Assert.Equal(CleanText.TitleLength, row.Title!.Length);
        Assert.Null(row.PdfUrl);
        Assert.Null(row.Kind);
    }

    [Fact]
    public async Task ALinksJsonBesideASeedIsLoadedOnFirstStart()
    {
        var path = await ExportAsync();
        await using var fresh = new SeedFolderCatalog();
        await File.WriteAllTextAsync(Path.Combine(fresh.SeedsPath, "links.md"), LinkMetadataRunTests.Seed, TestContext.Current.CancellationToken);
        File.Copy(path, Path.Combine(fresh.SeedsPath, "links.links.json"));

        using var client = fresh.CreateClient();

        var rows = await RowsAsync(fresh);
        Assert.Equal(14, rows.Count);
        Assert.Equal("google/neural-tangents", rows.Single(r => r.Url == "https://github.com/google/neural-tangents").Title);
    }

    private sealed class SeedFolderCatalog : EmptyCatalogFactory
    {
        public SeedFolderCatalog() => Directory.CreateDirectory(SeedsPath);

        public override string SeedsPath => Path.Combine(Folder, "seeds");
    }
}
