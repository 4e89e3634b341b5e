using Catalog.Tests.Infrastructure;
using Catalog.Web.Api;
using Catalog.Web.Data;
using Catalog.Web.Links;

namespace Catalog.Tests.LinkHealth;

/// <summary>
/// The search API's health and metadata of its hits, remembered per catalog version (<see cref="LinkAnnotations"/>),
/// on a real SQLite file: rows written without a version bump stay unseen until the version moves on or the link is
/// pushed out by others filling <see cref="LinkAnnotations.SizeLimitBytes"/>.
/// </summary>
public sealed class LinkAnnotationsTests : IAsyncLifetime
{
    private const string Url = "https://example.org/paper";

    private TestDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await using var db = _database.Context();
        await db.MigrateCatalogAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ALinkIsReadOncePerVersionAndAgainWhenTheVersionMovesOn()
    {
        var annotations = new LinkAnnotations();
        Assert.Null((await AnnotationAsync(annotations, version: 1)).Health.Status);

        await CheckAsync("broken");

        Assert.Null((await AnnotationAsync(annotations, version: 1)).Health.Status);
        Assert.Equal("broken", (await AnnotationAsync(annotations, version: 2)).Health.Status);
        // A request still answering for the older version reads for itself and leaves the newer set alone.
        await CheckAsync("ok");
        Assert.Equal("ok", (await AnnotationAsync(annotations, version: 1)).Health.Status);
        Assert.Equal("broken", (await AnnotationAsync(annotations, version: 2)).Health.Status);
    }

    [Fact]
    public async Task MetadataIsRememberedWithTheHealth()
    {
        var annotations = new LinkAnnotations();
        await using (var db = _database.Context())
        {
            db.LinkMetadata.Add(new LinkMetadataRow { Url = Url, Title = "A paper", Authors = "[\"Ada Lovelace\"]", Year = 1843, FetchedAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync(Ct);
        }

        var annotation = await AnnotationAsync(annotations, version: 1);

        Assert.Equal("A paper", annotation.Meta?.Title);
        Assert.Equal(["Ada Lovelace"], annotation.Meta!.Authors);
        Assert.Equal(1843, annotation.Meta.Year);
        Assert.Null(annotation.Health.Status);
    }

    [Fact]
    public async Task AFullSetStartsAgainSoAForgottenLinkIsReadAfresh()
    {
        var annotations = new LinkAnnotations();
        await AnnotationAsync(annotations, version: 1);
        await CheckAsync("broken");

        await using (var db = _database.Context())
        {
            var others = Enumerable.Range(0, 40_000).Select(i => $"https://example.org/other/{i}").ToList();
            Assert.True(others.Sum(url => LinkAnnotations.SizeOf(url, new LinkAnnotation(LinkHealthView.Unchecked, null))) > LinkAnnotations.SizeLimitBytes);
            await annotations.ForUrlsAsync(1, others, db, Ct);
        }

        Assert.Equal("broken", (await AnnotationAsync(annotations, version: 1)).Health.Status);
    }

    private async Task<LinkAnnotation> AnnotationAsync(LinkAnnotations annotations, long version)
    {
        await using var db = _database.Context();
        return (await annotations.ForUrlsAsync(version, [Url], db, Ct))[Url];
    }

    // A check's verdict written as the checker writes it, but without moving the catalog version on.
    private async Task CheckAsync(string status)
    {
        await using var db = _database.Context();
        var row = await db.LinkHealth.FindAsync([Url], Ct);
        if (row is null)
        {
            db.LinkHealth.Add(new LinkHealthRow { Url = Url, Status = status, CheckedAt = DateTimeOffset.UnixEpoch });
        }
        else
        {
            row.Status = status;
        }

        await db.SaveChangesAsync(Ct);
    }
}
