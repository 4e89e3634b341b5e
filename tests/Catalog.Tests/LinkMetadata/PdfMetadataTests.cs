using Catalog.Web.Import;
using Catalog.Web.Links.Metadata;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Tests.LinkMetadata;

/// <summary>A PDF's title from its own metadata (XMP dc:title, else the Info dictionary's /Title), read from the kept bytes.</summary>
public sealed class PdfMetadataTests
{
    [Theory]
    [InlineData("info-literal.pdf", "Spectral Bias (and Frequency) in Deep Networks: a Résumé of (nested (parens))")]
    [InlineData("info-utf16.pdf", "深度学习的数学理论 — Lecture Notes")]
    [InlineData("xmp.pdf", "Loss Landscapes & Mode Connectivity in Über-wide Nets")]
    public void TheTitleComesFromThePdfsOwnMetadata(string fixture, string title)
    {
        Assert.Equal(title, PdfMetadata.Title(MetadataFixtures.Bytes(fixture)));
    }

    [Theory]
    [InlineData("info-filename.pdf")] // "Microsoft Word - thesis_final.docx": the file's name, not a title
    [InlineData("info-truncated.pdf")] // the cap cut the title off: no guess from half of it
    public void APdfWithoutARealTitleHasNone(string fixture)
    {
        Assert.Null(PdfMetadata.Title(MetadataFixtures.Bytes(fixture)));
    }

    [Fact]
    public void AHostileTitleEndsCleanAndCapped()
    {
        var title = PdfMetadata.Title(MetadataFixtures.Bytes("info-hostile.pdf"));

        Assert.NotNull(title);
        Assert.InRange(title.Length, 1, CleanText.TitleLength);
        Assert.DoesNotContain(title, c => char.IsControl(c));
        Assert.DoesNotContain("<script", title, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void BytesThatAreNoPdfAtAllGiveNoTitle()
    {
        Assert.Null(PdfMetadata.Title([]));
        Assert.Null(PdfMetadata.Title("/Title <zz> /Title (unclosed"u8.ToArray()));
    }

    [Fact]
    public async Task ARunGivesAPdfLinkItsOwnTitleAsItsLabel()
    {
        await using var web = await MetadataWeb.StartAsync();
        web.Page("https://papers.example.edu/spectral-bias.pdf", MetadataFixtures.Bytes("info-literal.pdf"), "application/pdf");
        await using var catalog = new MetadataCatalog(web);
        await catalog.ImportMarkdownAsync("""
            # Links

            ## Papers

            - https://papers.example.edu/spectral-bias.pdf
            """);

        await catalog.RunMetaAsync();

        using var db = catalog.OpenDatabase();
        var row = await db.LinkMetadata.SingleAsync(r => r.Url == "https://papers.example.edu/spectral-bias.pdf", TestContext.Current.CancellationToken);
        Assert.Equal("Spectral Bias (and Frequency) in Deep Networks: a Résumé of (nested (parens))", row.Title);
        Assert.Equal(MetadataSources.Pdf, row.Source);
        Assert.Equal("application/pdf", row.ContentType);
        Assert.Equal(MetadataFixtures.Bytes("info-literal.pdf").Length, row.ContentLength); // sent chunked: counted, not read from a header
        Assert.Equal(LinkKinds.Paper, row.Kind);
    }
}
