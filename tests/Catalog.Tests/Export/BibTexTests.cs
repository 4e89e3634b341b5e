using Catalog.Web.Export.Citations;

namespace Catalog.Tests.Export;

public sealed class BibTexTests
{
    private static readonly string[] s_macros = [@"\textbraceleft{}", @"\textbraceright{}", @"\textbackslash{}", @"\textasciitilde{}", @"\textasciicircum{}"];

    private static readonly string[] s_textFields = ["title", "note", "keywords", "journal", "booktitle", "author", "primaryclass"];

    [Fact]
    public void TheTestParserReadsTheManualsExamples()
    {
        var entries = BibTexParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "bibtex", "manual.bib")));

        Assert.Equal(["gnats", "knuth:tex", "special"], entries.Select(e => e.Key));
        Assert.Equal("Journal of Gnats and Gnus, Series~1 (extra)", entries[0]["journal"]);
        Assert.Equal("The {Gnat} and {Gnu} Problem", entries[0]["title"]);
        Assert.Equal("January", entries[0]["month"]);
        Assert.Equal("1986", entries[0]["year"]);
        Assert.Equal("The {{\\TeX}book}", entries[1]["title"]);
        Assert.Equal("A {\"}quoted{\"} word", entries[2]["note"]);
    }

    [Theory]
    [InlineData("@misc{a, title = {one { two}}")]
    [InlineData("@misc{a, title = {x} y = {z}}")]
    [InlineData("@misc{a, title = \"x}\"}")]
    public void TheTestParserRefusesWhatBibTexRefuses(string bib) =>
        Assert.ThrowsAny<Exception>(() => BibTexParser.Parse(bib));

    [Fact]
    public void SpecialCharactersAreEscapedAndBracesStayBalanced()
    {
        var work = new CitationWork(1, @"50% of C# & F_1 {costs} $5 \ ~x^2", "https://example.org/a_b?q=1%20&x={y}", "paper", ["Theory & practice"]);

        var entry = Assert.Single(BibTexParser.Parse(BibTex.Write([work])));

        Assert.Equal(@"50\% of C\# \& F\_1 \textbraceleft{}costs\textbraceright{} \$5 \textbackslash{} \textasciitilde{}x\textasciicircum{}2", entry["title"]);
        Assert.Equal("https://example.org/a_b?q=1%20&x=%7By%7D", entry["url"]);
        Assert.Equal(@"Listed in: Theory \& practice", entry["note"]);
        Assert.Equal("misc", entry.Type);
        Assert.Equal(@"\url{https://example.org/a_b?q=1%20&x=%7By%7D}", entry["howpublished"]);
    }

    [Fact]
    public void NonAsciiTextStaysUtf8()
    {
        var entry = Assert.Single(BibTexParser.Parse(BibTex.Write([new CitationWork(1, "Ünïcödé 深度学习 — Ω", "https://zhuanlan.zhihu.com/p/1", "blog", [])])));

        Assert.Equal("Ünïcödé 深度学习 — Ω", entry["title"]);
        Assert.Equal("zhihuunicode", entry.Key);
    }

    [Fact]
    public void AnArxivLinkCarriesItsEprintAndYearFromTheUrl()
    {
        var works = new[]
        {
            new CitationWork(1, "Neural Tangent Kernel", "https://arxiv.org/abs/1806.07572v4", "paper", []),
            new CitationWork(2, "https://arxiv.org/pdf/hep-th/9901001.pdf", "https://arxiv.org/pdf/hep-th/9901001.pdf", "paper", []),
        };

        var entries = BibTexParser.Parse(BibTex.Write(works));

        Assert.Equal("arxiv2018neural", entries[0].Key);
        Assert.Equal("1806.07572", entries[0]["eprint"]);
        Assert.Equal("arXiv", entries[0]["archiveprefix"]);
        Assert.Equal("2018", entries[0]["year"]);
        Assert.Null(entries[0]["primaryclass"]);
        Assert.Equal("hep-th/9901001", entries[1]["eprint"]);
        Assert.Equal("hep-th", entries[1]["primaryclass"]);
        Assert.Equal("arxiv1999", entries[1].Key);
    }

    [Fact]
    public void TheVenueChoosesTheEntryTypeAndAuthorsMakeTheKey()
    {
        var works = new[]
        {
            new CitationWork(1, "Representation learning: a review", "https://doi.org/10.1109/tpami.2013.50", "paper", [],
                new CitationMetadata(Authors: ["Yoshua Bengio", "Aaron Courville"], Year: 2013, Venue: "IEEE TPAMI", VenueKind: VenueKind.Journal, Doi: "10.1109/tpami.2013.50")),
            new CitationWork(2, "Representation learning in proceedings", "https://example.org/p", "paper", [],
                new CitationMetadata(Authors: ["Bengio, Yoshua"], Year: 2013, Venue: "ICML", VenueKind: VenueKind.Proceedings)),
            new CitationWork(3, "The lottery ticket hypothesis", "https://arxiv.org/abs/1803.03635", "paper", [],
                new CitationMetadata(Authors: ["Jonathan Frankle", "Michael Carbin"], Year: 2019, ArxivId: "1803.03635", PrimaryClass: "cs.LG")),
        };

        var entries = BibTexParser.Parse(BibTex.Write(works));

        Assert.Equal(["article", "inproceedings", "misc"], entries.Select(e => e.Type));
        Assert.Equal(["bengio2013representationa", "bengio2013representationb", "frankle2019lottery"], entries.Select(e => e.Key));
        Assert.Equal("Bengio, Yoshua and Courville, Aaron", entries[0]["author"]);
        Assert.Equal("IEEE TPAMI", entries[0]["journal"]);
        Assert.Equal("10.1109/tpami.2013.50", entries[0]["doi"]);
        Assert.Equal("ICML", entries[1]["booktitle"]);
        Assert.Equal("cs.LG", entries[2]["primaryclass"]);
    }

    [Fact]
    public void TheCuratorsLabelWinsOverAFetchedTitleUnlessItIsTheUrl()
    {
        var metadata = new CitationMetadata(Title: "Fetched title");
        var works = new[]
        {
            new CitationWork(1, "Curator's label", "https://example.org/a", "paper", [], metadata),
            new CitationWork(2, "https://example.org/b", "https://example.org/b", "paper", [], metadata),
        };

        Assert.Equal(["Curator's label", "Fetched title"], BibTexParser.Parse(BibTex.Write(works)).Select(e => e["title"]));
    }

    [Fact]
    public async Task TheWholeSeedParsesWithUniqueKeysAndEscapedText()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalog = await ClockedCatalog.CreateAsync();
        await catalog.ImportAsync("science-of-deep-learning.md", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds", "science-of-deep-learning.md")));
        await using var db = catalog.Context();
        var works = await CitationSource.CatalogAsync(db, ct);

        var entries = BibTexParser.Parse(BibTex.Write(works));

        Assert.Equal(works.Count, entries.Count);
        Assert.Equal(db.Links.Count(), entries.Count);
        Assert.Equal(entries.Count, entries.Select(e => e.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.All(entries, e => Assert.Matches("^[a-z][a-z0-9]*$", e.Key));
        foreach (var (_, value) in entries.SelectMany(e => e.Fields).Where(f => s_textFields.Contains(f.Name)))
        {
            var plain = s_macros.Aggregate(value, (text, macro) => text.Replace(macro, "", StringComparison.Ordinal));
            Assert.DoesNotMatch(@"(?<!\\)[&%$#_~^]", plain);
            Assert.DoesNotMatch("[{}]", plain);
        }
    }
}
