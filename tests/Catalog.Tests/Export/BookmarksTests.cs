using AngleSharp.Dom;
using Catalog.Web.Export;
using Catalog.Web.Import;

namespace Catalog.Tests.Export;

/// <summary>The Netscape bookmark file read back by an HTML5 parser, as browsers and bookmark managers read it.</summary>
public sealed class BookmarksTests
{
    private sealed record Folder(string Title, List<(string Href, string Label, string? AddDate, string? Tags)> Links, List<Folder> Children);

    [Fact]
    public async Task TheFolderTreeIsTheTopicTreeWithEachUrlOncePerTopic()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalog = await ClockedCatalog.CreateAsync();
        var (_, importedAt) = await catalog.ImportAsync("science-of-deep-learning.md", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds", "science-of-deep-learning.md")));
        await using var db = catalog.Context();
        var snapshot = await CatalogSnapshot.LoadAsync(db, ct);
        using var output = new MemoryStream();
        await Bookmarks.WriteAsync(snapshot, output, ct);

        var document = await Pages.Html.ParseAsync(System.Text.Encoding.UTF8.GetString(output.ToArray()));
        var folders = Folders(document.QuerySelector("body > dl")!);

        Assert.Equal(Tree(snapshot, null), folders.Select(Shape).ToList());
        foreach (var (folder, topic) in Flatten(folders).Zip(snapshot.Topics))
        {
            var urls = snapshot.MentionsByTopic[topic.Id].Select(m => snapshot.Links[m.LinkId].Url).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(urls, folder.Links.Select(l => l.Href).Order(StringComparer.Ordinal));
            Assert.All(folder.Links, l => Assert.Equal(importedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), l.AddDate));
            Assert.All(folder.Links, l => Assert.Contains(l.Tags!, LinkKinds.All));
        }
    }

    [Fact]
    public async Task MarkupInALabelStaysText()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalog = await ClockedCatalog.CreateAsync();
        await catalog.ImportAsync("list.md", "# A <b>bold</b> & brave topic\n\n- [x < y & \"z\"](https://example.org/?a=1&b=2)\n");
        await using var db = catalog.Context();
        using var output = new MemoryStream();
        await Bookmarks.WriteAsync(await CatalogSnapshot.LoadAsync(db, ct), output, ct);

        var document = await Pages.Html.ParseAsync(System.Text.Encoding.UTF8.GetString(output.ToArray()));
        var folder = Assert.Single(Folders(document.QuerySelector("body > dl")!));
        Assert.Empty(document.QuerySelectorAll("b"));
        var link = Assert.Single(folder.Links);
        Assert.Equal("https://example.org/?a=1&b=2", link.Href);
        Assert.Equal("x < y & \"z\"", link.Label);
    }

    private static string Shape(Folder folder) => folder.Title + "(" + string.Join(",", folder.Children.Select(Shape)) + ")";

    private static List<string> Tree(CatalogSnapshot snapshot, int? parent) =>
        snapshot.Children[parent].Select(t => t.Title + "(" + string.Join(",", Tree(snapshot, t.Id)) + ")").ToList();

    private static IEnumerable<Folder> Flatten(IEnumerable<Folder> folders) =>
        folders.SelectMany(f => new[] { f }.Concat(Flatten(f.Children)));

    // A folder is a DT holding an H3 and the DL of its contents; a bookmark is a DT holding an A.
    private static List<Folder> Folders(IElement list)
    {
        var folders = new List<Folder>();
        foreach (var item in list.Children.Where(c => c.LocalName == "dt"))
        {
            if (item.Children.FirstOrDefault(c => c.LocalName == "h3") is { } heading)
            {
                var contents = item.Children.First(c => c.LocalName == "dl");
                var links = contents.Children.Where(c => c.LocalName == "dt")
                    .Select(dt => dt.Children.FirstOrDefault(c => c.LocalName == "a"))
                    .OfType<IElement>()
                    .Select(a => (a.GetAttribute("href")!, a.TextContent, a.GetAttribute("add_date"), a.GetAttribute("tags")))
                    .ToList();
                folders.Add(new Folder(heading.TextContent, links, Folders(contents)));
            }
        }

        return folders;
    }
}
