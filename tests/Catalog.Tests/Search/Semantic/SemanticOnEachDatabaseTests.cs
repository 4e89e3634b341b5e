using System.Diagnostics;
using Catalog.Tests.Admin;
using Catalog.Tests.Infrastructure;
using Catalog.Tests.Pages;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Search.Semantic;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Search.Semantic;

/// <summary>
/// Semantic ranking on each database: a small catalog imported into an empty one is embedded by the background
/// indexer, its vectors stored in the database and loaded into memory, and shown on link pages and /admin.
/// </summary>
public sealed class SemanticOnEachDatabaseTests
{
    private const string Seed = """
        # Small Catalog

        Papers on two subjects, to be told apart by meaning.

        ## Optimal Transport

        * [Computational Optimal Transport](https://arxiv.org/abs/1803.00567)
        * [Optimal transport for machine learning: a tutorial](https://example.org/ot-tutorial)
        * [Lecture notes on Wasserstein distances between probability measures](https://example.org/wasserstein-notes)
        * [Sinkhorn distances: lightspeed computation of optimal transport](https://example.org/sinkhorn)

        ## Physics and Deep Learning

        * [Statistical mechanics of deep learning](https://example.org/stat-mech)
        * [Thermodynamics of learning in neural networks](https://example.org/thermodynamics)
        * [Spin glasses and the loss landscape of neural networks](https://example.org/spin-glass)
        """;

    [Theory]
    [OnEachDatabase]
    public async Task AfterAnImportEveryLinkAndTopicIsEmbeddedAndALinkPageListsRelatedLinks(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalog = EmptyCatalogFactory.On(provider, new Dictionary<string, string?> { ["Catalog:Search:Semantic"] = "true" });
        await catalog.ImportAsync(new SeedFile("small.md", System.Text.Encoding.UTF8.GetBytes(Seed)));

        var progress = await EmbeddedAsync(catalog);

        int linkId, documents, stored;
        List<string> transport;
        await using (var db = catalog.OpenDatabase())
        {
            linkId = await db.Links.Where(l => l.Url == "https://arxiv.org/abs/1803.00567").Select(l => l.Id).SingleAsync(ct);
            transport = [.. (await db.Links.Where(l => l.Id != linkId && l.Url.StartsWith("https://example.org/")).ToListAsync(ct))
                .Where(l => l.Url is "https://example.org/ot-tutorial" or "https://example.org/wasserstein-notes" or "https://example.org/sinkhorn")
                .Select(l => $"/links/{l.Id}")];
            documents = await db.Links.CountAsync(ct) + await db.Topics.CountAsync(ct);
            stored = await db.SearchEmbeddings.CountAsync(ct);
        }

        var page = await catalog.CreateClient().GetDocumentAsync($"/links/{linkId}");
        var related = page.QuerySelectorAll(".related-links li a[href^='/links/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();

        Assert.Equal((documents, documents, documents), (progress.Documents, progress.Embedded, progress.Computed));
        Assert.Equal(documents, stored); // every text differs
        Assert.Equal(3, transport.Count);
        Assert.NotEmpty(related);
        Assert.Contains(related[0], transport); // the closest by meaning is about the same subject
        Assert.DoesNotContain($"/links/{linkId}", related);
    }

    [Theory]
    [OnEachDatabase]
    public async Task AnotherServerOnTheEmbeddedCatalogReadsTheVectorsBackWithoutEmbeddingAgain(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var semantic = new Dictionary<string, string?> { ["Catalog:Search:Semantic"] = "true" };
        await using var first = EmptyCatalogFactory.On(provider, semantic);
        await first.ImportAsync(new SeedFile("small.md", System.Text.Encoding.UTF8.GetBytes(Seed)));
        var embedded = await EmbeddedAsync(first);

        await using var second = first.SecondInstance(semantic);
        var readBack = await EmbeddedAsync(second);
        int linkId;
        await using (var db = second.OpenDatabase())
        {
            linkId = await db.Links.Where(l => l.Url == "https://example.org/spin-glass").Select(l => l.Id).SingleAsync(ct);
        }

        Assert.Equal(embedded.Documents, embedded.Computed);
        Assert.Equal((embedded.Documents, embedded.Documents, 0), (readBack.Documents, readBack.Embedded, readBack.Computed));
        using var scope = second.Services.CreateScope();
        Assert.NotEmpty(scope.ServiceProvider.GetRequiredService<SemanticRanking>().SimilarLinks(linkId, 3));
    }

    [Theory]
    [OnEachDatabase]
    public async Task AdminShowsTheEmbeddingProgress(DatabaseProvider provider)
    {
        await using var catalog = EmptyCatalogFactory.On(provider, new Dictionary<string, string?>
        {
            ["Catalog:Search:Semantic"] = "true",
            ["Catalog:AdminPassword"] = AdminFactory.Password,
        });
        await catalog.ImportAsync(new SeedFile("small.md", System.Text.Encoding.UTF8.GetBytes(Seed)));
        var progress = await EmbeddedAsync(catalog);
        var browser = catalog.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await browser.SignInAsync(AdminFactory.Password);

        var admin = await browser.GetDocumentAsync("/admin");

        var shown = admin.QuerySelector("#embedding-progress")!;
        Assert.Equal("ready", shown.GetAttribute("data-state"));
        Assert.Contains($"{progress.Documents:N0} of {progress.Documents:N0} links and topics embedded for catalog version {progress.CatalogVersion}", shown.TextContent, StringComparison.Ordinal);
        Assert.True(progress.Documents > 5);
    }

    /// <summary>Waits until the background indexer has embedded the catalog version now current.</summary>
    private static async Task<EmbeddingProgress> EmbeddedAsync(EmptyCatalogFactory catalog)
    {
        var index = catalog.Services.GetRequiredService<SemanticIndex>();
        var version = catalog.Services.GetRequiredService<CatalogVersion>();
        var clock = Stopwatch.StartNew();
        while (index.Progress is var progress && (progress.State != "ready" || progress.CatalogVersion != version.Current.Version || progress.Documents == 0))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"embedding the catalog did not finish: {progress}");
            Assert.NotEqual("failed", progress.State);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return index.Progress;
    }
}
