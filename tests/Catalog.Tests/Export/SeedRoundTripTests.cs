using Catalog.Web.Export;
using Catalog.Web.Import;

namespace Catalog.Tests.Export;

/// <summary>
/// A source exported as markdown and imported again changes nothing: no topic, link, quote or image added, removed or
/// changed, for the seed and for every real awesome list the importer is tested on.
/// </summary>
public sealed class SeedRoundTripTests
{
    public static TheoryData<string> Files() => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpus"), "*.md")
            .Where(f => Path.GetFileName(f) != "SOURCES.md")
            .Append(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds", "science-of-deep-learning.md"))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToArray()!);

    [Fact]
    public void TheRoundTripCoversTheSeedAndEightLists() => Assert.Equal(8, Files().Count);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ReimportingAnExportedSourceYieldsAnEmptyDiff(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalog = await ClockedCatalog.CreateAsync();
        var original = await SeedFile.ReadAsync(PathOf(name), ct);
        await catalog.ImportAsync(original, dryRun: false);

        byte[]? exported;
        await using (var db = catalog.Context())
        {
            exported = await SeedExport.WriteAsync(db, name, resolved: false, ct);
        }

        Assert.NotNull(exported);
        var report = await catalog.ImportAsync(new SeedFile(name, exported), dryRun: true);
        Assert.True(report.Diff.IsEmpty, string.Join("\n", report.Diff.Changes.Take(10)));
        Assert.Empty(report.Diff.Changes);
    }

    [Fact]
    public async Task TheExportedFileBuildsTheSameCatalogInAnEmptyDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        const string name = "science-of-deep-learning.md";
        await using var first = await ClockedCatalog.CreateAsync();
        await using var second = await ClockedCatalog.CreateAsync();
        await first.ImportAsync(await SeedFile.ReadAsync(PathOf(name), ct), dryRun: false);
        await using var db = first.Context();
        await second.ImportAsync(new SeedFile(name, (await SeedExport.WriteAsync(db, name, resolved: true, ct))!), dryRun: false);

        Assert.Equal(await DumpAsync(first), await DumpAsync(second));
    }

    [Fact]
    public async Task AnUnknownSourceHasNoExport()
    {
        await using var catalog = await ClockedCatalog.CreateAsync();
        await using var db = catalog.Context();

        Assert.Null(await SeedExport.WriteAsync(db, "nothing-here.md", resolved: false, TestContext.Current.CancellationToken));
    }

    // The JSON export without what differs between two databases by nature: times and ids.
    private static async Task<string> DumpAsync(ClockedCatalog catalog)
    {
        await using var db = catalog.Context();
        var snapshot = await CatalogSnapshot.LoadAsync(db, TestContext.Current.CancellationToken);
        return string.Join("\n", snapshot.Topics.Select(t => $"{t.Slug}|{t.Title}|{t.Level}|{t.Intro}|"
            + string.Join(";", snapshot.MentionsByTopic[t.Id].Select(m => $"{snapshot.Links[m.LinkId].Url} {m.Label} {m.Context} {m.Place}"))
            + string.Join(";", snapshot.QuotesByTopic[t.Id].Select(q => q.Url + q.Text))
            + string.Join(";", snapshot.ImagesByTopic[t.Id].Select(i => i.Src + i.Alt + i.Width))));
    }

    private static string PathOf(string file) => file == "science-of-deep-learning.md"
        ? Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds", file)
        : Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpus", file);
}
