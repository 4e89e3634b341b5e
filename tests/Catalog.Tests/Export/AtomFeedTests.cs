using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using AngleSharp.Xml.Parser;
using Catalog.Web.Export;

namespace Catalog.Tests.Export;

/// <summary>The feeds read back by .NET's syndication reader and by AngleSharp's XML parser, neither written here.</summary>
public sealed class AtomFeedTests
{
    private static readonly AtomFeed.Request s_catalog = new("Catalog: new links", "/feeds/catalog.atom", "/", null);

    // Sixty links in two topics: more than one feed's worth.
    private static string Original() =>
        "# Theory\n\nWhy it works.\n\n" + string.Concat(Enumerable.Range(1, 30).Select(i => $"- [Paper {i}](https://example.org/{i}) - on bound {i}\n"))
        + "\n## Generalization & Co\n\n" + string.Concat(Enumerable.Range(31, 30).Select(i => $"- [Paper {i}](https://example.org/{i})\n"));

    [Fact]
    public async Task AfterAReimportTheNewestEntriesAreExactlyTheAddedLinks()
    {
        await using var catalog = await ClockedCatalog.CreateAsync();
        var (_, first) = await catalog.ImportAsync("list.md", Original());
        var edited = Original()
            .Replace("- [Paper 5](https://example.org/5) - on bound 5\n", "", StringComparison.Ordinal)
            .Replace("[Paper 7]", "[Paper seven]", StringComparison.Ordinal)
            + "- [New & shiny](https://example.org/new-1)\n- [Another](https://example.org/new-2)\n- https://example.org/new-3\n";
        var (report, second) = await catalog.ImportAsync("list.md", edited);
        Assert.Equal(3, report.Diff.LinksAdded);

        var feed = Load(await WriteAsync(catalog, s_catalog));

        var items = feed.Items.ToList();
        Assert.Equal(AtomFeed.MaxEntries, items.Count);
        Assert.Equal(["https://example.org/new-1", "https://example.org/new-2", "https://example.org/new-3"],
            items.Where(i => i.LastUpdatedTime == second).Select(i => i.Links.Single(l => l.RelationshipType == "alternate").Uri.OriginalString).Order());
        Assert.All(items.Take(3), i => Assert.Equal(second, i.LastUpdatedTime));
        Assert.All(items.Skip(3), i => Assert.Equal(first, i.LastUpdatedTime));
        Assert.Equal(second, feed.LastUpdatedTime);
        Assert.DoesNotContain(items, i => i.Id == AtomFeed.EntryId("https://example.org/5"));
        Assert.Equal("New & shiny", items.Single(i => i.Id == AtomFeed.EntryId("https://example.org/new-1")).Title.Text);
    }

    [Fact]
    public async Task EntryIdsAreTheSameInEveryGenerationOfTheFeed()
    {
        await using var catalog = await ClockedCatalog.CreateAsync();
        await catalog.ImportAsync("list.md", Original());
        var before = Load(await WriteAsync(catalog, s_catalog)).Items.ToDictionary(i => i.Links[0].Uri.OriginalString, i => i.Id);
        await catalog.ImportAsync("list.md", Original() + "- [Late](https://example.org/late)\n");
        var after = Load(await WriteAsync(catalog, s_catalog)).Items.ToDictionary(i => i.Links[0].Uri.OriginalString, i => i.Id);

        var common = before.Keys.Intersect(after.Keys).ToList();
        Assert.Equal(AtomFeed.MaxEntries - 1, common.Count);
        Assert.All(common, url => Assert.Equal(before[url], after[url]));
        Assert.Equal(before.Count, before.Values.Distinct().Count());
        Assert.All(after.Values, id => Assert.StartsWith("tag:", id, StringComparison.Ordinal));
        Assert.Equal(await WriteAsync(catalog, s_catalog), await WriteAsync(catalog, s_catalog));
    }

    [Fact]
    public async Task AnEntryIsTheLinksLabelWithItsTopicPathAndContextAsContent()
    {
        await using var catalog = await ClockedCatalog.CreateAsync();
        await catalog.ImportAsync("list.md", Original());
        int topicId;
        await using (var db = catalog.Context())
        {
            topicId = db.Topics.Single(t => t.Title == "Generalization & Co").Id;
        }

        var xml = Encoding.UTF8.GetString(await WriteAsync(catalog, new AtomFeed.Request("Generalization", "/feeds/topics/generalization-co.atom", "/topics/generalization-co", topicId)));
        var document = new XmlParser().ParseDocument(xml);

        Assert.Equal("http://www.w3.org/2005/Atom", document.DocumentElement.NamespaceUri);
        Assert.Equal("feed", document.DocumentElement.LocalName);
        var entries = document.DocumentElement.Children.Where(e => e.LocalName == "entry").ToList();
        Assert.Equal(30, entries.Count);
        Assert.All(entries, e => Assert.Equal(["id", "title", "updated", "link", "link", "category", "content"], e.Children.Select(c => c.LocalName)));
        var entry = entries.Single(e => e.QuerySelector("title")!.TextContent == "Paper 31");
        Assert.Equal("Theory › Generalization & Co", entry.QuerySelector("content")!.TextContent);
        Assert.Equal("text", entry.QuerySelector("content")!.GetAttribute("type"));
        var theory = Load(await WriteAsync(catalog, s_catalog)).Items.Single(i => i.Title.Text == "Paper 2");
        Assert.Equal("Theory\n\nPaper 2 - on bound 2", ((TextSyndicationContent)theory.Content).Text);
    }

    private static async Task<byte[]> WriteAsync(ClockedCatalog catalog, AtomFeed.Request request)
    {
        await using var db = catalog.Context();
        return await AtomFeed.WriteAsync(db, request, "http://catalog.test", TestContext.Current.CancellationToken);
    }

    private static SyndicationFeed Load(byte[] atom)
    {
        using var reader = XmlReader.Create(new MemoryStream(atom));
        return SyndicationFeed.Load(reader);
    }
}
