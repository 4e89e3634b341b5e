using System.Text.Json;
using Catalog.Web.Export.Citations;

namespace Catalog.Tests.Export;

/// <summary>RIS read by its tag grammar, CSL-JSON by a JSON parser: the same works, keys and types as the BibTeX.</summary>
public sealed class RisAndCslTests
{
    private static readonly CitationWork[] s_works =
    [
        new(1, "Neural Tangent Kernel", "https://arxiv.org/abs/1806.07572", "paper", ["Theory", "Kernels"]),
        new(2, "A blog\nwith a line break", "https://example.org/post", "blog", []),
        new(3, "Representation learning", "https://doi.org/10.1109/x", "paper", [],
            new CitationMetadata(Authors: ["Yoshua Bengio", "Plato"], Year: 2013, Venue: "IEEE TPAMI", VenueKind: VenueKind.Journal, Doi: "10.1109/x")),
    ];

    [Fact]
    public void EachRisRecordStartsWithItsTypeEndsWithErAndHasOneValueALine()
    {
        var ris = Ris.Write(s_works);

        Assert.EndsWith("ER  - \r\n", ris, StringComparison.Ordinal);
        var lines = ris.Split("\r\n")[..^1];
        Assert.All(lines, l => Assert.Matches("^[A-Z][A-Z0-9]  - ", l));
        var records = string.Join("\n", lines).Split("ER  - ", StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Trim('\n').Split('\n').Select(l => (Tag: l[..2], Value: l[6..])).ToList()).ToList();
        Assert.Equal(["UNPB", "ELEC", "JOUR"], records.Select(r => r[0] is ("TY", var type) ? type : "?"));
        Assert.Equal(BibKeys.For(s_works), records.Select(r => r.Single(f => f.Tag == "ID").Value));
        Assert.Equal("A blog with a line break", records[1].Single(f => f.Tag == "TI").Value);
        Assert.Equal(["Bengio, Yoshua", "Plato"], records[2].Where(f => f.Tag == "AU").Select(f => f.Value));
        Assert.Equal("IEEE TPAMI", records[2].Single(f => f.Tag == "JO").Value);
        Assert.Equal(["paper", "Theory", "Kernels"], records[0].Where(f => f.Tag == "KW").Select(f => f.Value));
    }

    [Fact]
    public void CslJsonItemsCarryTheSameIdsAndTheCslTypes()
    {
        using var json = JsonDocument.Parse(CslJson.Write(s_works));
        var items = json.RootElement.EnumerateArray().ToList();

        Assert.Equal(BibKeys.For(s_works), items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(["article", "webpage", "article-journal"], items.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("1806.07572", items[0].GetProperty("number").GetString());
        Assert.Equal(2018, items[0].GetProperty("issued").GetProperty("date-parts")[0][0].GetInt32());
        var authors = items[2].GetProperty("author");
        Assert.Equal("Bengio", authors[0].GetProperty("family").GetString());
        Assert.Equal("Yoshua", authors[0].GetProperty("given").GetString());
        Assert.Equal("Plato", authors[1].GetProperty("literal").GetString());
        Assert.Equal("IEEE TPAMI", items[2].GetProperty("container-title").GetString());
        Assert.Equal("10.1109/x", items[2].GetProperty("DOI").GetString());
    }
}
