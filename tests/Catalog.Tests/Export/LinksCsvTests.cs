using System.Text;
using Catalog.Web.Export;

namespace Catalog.Tests.Export;

public sealed class LinksCsvTests
{
    private const string Seed = """
        # Theory, "hard" parts

        - [Deep learning, "explained"](https://example.org/a) - commas, "quotes" and more
        - [Plain](https://example.org/b)

        ## Generalization

        - [Deep learning, "explained"](https://example.org/a)
        - [Ünïcödé 深度学习](https://example.org/c)
        """;

    [Fact]
    public async Task EveryMentionIsOneRowAndQuotedFieldsReadBackExactly()
    {
        var (bytes, snapshot) = await ExportAsync(Seed);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = Rfc4180.Parse(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(LinksCsv.Header, rows[0]);
        Assert.Equal(snapshot.MentionsByTopic.Sum(g => g.Count()), rows.Count - 1);
        Assert.All(rows, r => Assert.Equal(LinksCsv.Header.Length, r.Count));
        var first = rows[1];
        Assert.Equal("https://example.org/a", first[0]);
        Assert.Equal("Deep learning, \"explained\"", first[1]);
        Assert.Equal(snapshot.Topics[0].Slug, first[4]);
        Assert.Contains("Ünïcödé 深度学习", rows.Select(r => r[1]));
        Assert.Equal("Theory, \"hard\" parts › Generalization", rows[^1][5]);
    }

    [Fact]
    public void AFieldWithALineBreakIsQuotedAndReadsBackWithIt()
    {
        var line = LinksCsv.Row(["a\r\nb", "plain", "say \"hi\"", "x,y", ""]) + "\r\n";

        Assert.Equal("\"a\r\nb\",plain,\"say \"\"hi\"\"\",\"x,y\",\r\n", line);
        Assert.Equal([["a\r\nb", "plain", "say \"hi\"", "x,y", ""]], Rfc4180.Parse(line));
    }

    private static async Task<(byte[] Bytes, CatalogSnapshot Snapshot)> ExportAsync(string markdown)
    {
        await using var catalog = await ClockedCatalog.CreateAsync();
        await catalog.ImportAsync("list.md", markdown);
        await using var db = catalog.Context();
        var snapshot = await CatalogSnapshot.LoadAsync(db, TestContext.Current.CancellationToken);
        using var output = new MemoryStream();
        await LinksCsv.WriteAsync(snapshot, output, TestContext.Current.CancellationToken);
        return (output.ToArray(), snapshot);
    }
}
