using System.Text;
using Catalog.Web.Links.Metadata;

namespace Catalog.Tests.LinkMetadata;

public sealed class ExtractorTests
{
    private static readonly Uri s_page = new("https://openreview.net/forum?id=Sy8gdB9xx");

    [Fact]
    public void AnArxivFeedYieldsOneRecordPerEntryKeyedByIdWithoutVersion()
    {
        var records = ArxivAtom.Parse(MetadataFixtures.Bytes("arxiv-feed.xml"));

        Assert.Equal(["1806.07572", "hep-th/9901001"], records.Keys.Order(StringComparer.Ordinal));
        var ntk = records["1806.07572"];
        Assert.Equal("Neural Tangent Kernel: Convergence and Generalization in Neural Networks", ntk.Title);
        Assert.Equal(["Arthur Jacot", "Franck Gabriel", "Clément Hongler"], ntk.Authors);
        Assert.Equal("2018-06-20", ntk.Published);
        Assert.Equal(2018, ntk.Year);
        Assert.Equal("cs.LG", ntk.PrimaryClass);
        Assert.Equal("Advances in Neural Information Processing Systems 31 (NeurIPS 2018)", ntk.Venue);
        Assert.StartsWith("At initialization, artificial neural networks", ntk.Abstract);
        Assert.Equal("http://arxiv.org/pdf/1806.07572v4", ntk.PdfUrl);
        Assert.Equal("paper", ntk.Kind);
    }

    [Fact]
    public void AnOldStyleArxivEntryKeepsItsArchiveAndDoi()
    {
        var old = ArxivAtom.Parse(MetadataFixtures.Bytes("arxiv-feed.xml"))["hep-th/9901001"];

        Assert.Equal("hep-th/9901001", old.ArxivId);
        Assert.Equal("10.1016/S0550-3213(99)00001-X", old.Doi);
        Assert.Equal("Nucl.Phys. B550 (1999) 1-20", old.Venue);
        Assert.Equal(1999, old.Year);
    }

    [Theory]
    [InlineData("<feed><entry><title>unclosed")]
    [InlineData("<!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><feed>&x;</feed>")]
    [InlineData("")]
    public void InvalidAtomYieldsNoRecords(string body) =>
        Assert.Empty(ArxivAtom.Parse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void ACrossrefWorkGivesTitleAuthorsYearContainerAndLowerCaseDoi()
    {
        var work = CrossrefWork.Parse(MetadataFixtures.Bytes("crossref-work.json"))!;

        Assert.Equal("Reconciling modern machine-learning practice and the classical bias–variance trade-off", work.Title);
        Assert.Equal(["Mikhail Belkin", "Daniel Hsu", "Siyuan Ma", "Soumik Mandal"], work.Authors);
        Assert.Equal(2019, work.Year);
        Assert.Equal("Proceedings of the National Academy of Sciences", work.Venue);
        Assert.Equal("10.1073/PNAS.1903070116", work.Doi);
        Assert.Equal("paper", work.Kind);
    }

    [Theory]
    [InlineData("{\"status\":\"ok\",\"message\":")]
    [InlineData("{\"status\":\"ok\",\"message\":{\"title\":42,\"author\":\"nobody\",\"issued\":{\"date-parts\":\"x\"}}}")]
    [InlineData("[1,2,3]")]
    public void BrokenCrossrefAnswersNeverThrow(string body)
    {
        var work = CrossrefWork.Parse(Encoding.UTF8.GetBytes(body));

        Assert.True(work is null || (work.Title is null && work.Authors.Count == 0 && work.Year is null));
    }

    [Fact]
    public void AGitHubRepositoryGivesDescriptionStarsLanguageArchivedAndLicence()
    {
        var repo = GitHubRepo.Parse(MetadataFixtures.Bytes("github-repo.json"))!;

        Assert.Equal("google/neural-tangents", repo.Title);
        Assert.Equal("Fast and Easy Infinite Neural Networks in Python", repo.Abstract);
        Assert.Equal(2345, repo.Stars);
        Assert.Equal("Jupyter Notebook", repo.Language);
        Assert.True(repo.Archived);
        Assert.Equal("Apache-2.0", repo.License);
        Assert.Equal("2026-10-15", repo.PushedAt);
        Assert.Equal("code", repo.Kind);
    }

    [Fact]
    public void AnOEmbedAnswerGivesTitleAndChannel()
    {
        var video = OEmbed.Parse(MetadataFixtures.Bytes("youtube-oembed.json"))!;

        Assert.Equal("Tutorial: Theory of Deep Learning", video.Title);
        Assert.Equal(["Simons Institute"], video.Authors);
        Assert.Equal("video", video.Kind);
    }

    [Fact]
    public void HighwireTagsWinOverOpenGraphAndTitleAndMakeAPaper()
    {
        var page = HtmlMetadata.Parse(MetadataFixtures.Bytes("highwire.html"), null, s_page)!;

        Assert.Equal("Understanding deep learning requires rethinking generalization", page.Title);
        Assert.Equal(["Zhang, Chiyuan", "Bengio, Samy", "Hardt, Moritz", "Recht, Benjamin", "Vinyals, Oriol"], page.Authors);
        Assert.Equal(2017, page.Year);
        Assert.Equal("2017-02-06", page.Published);
        Assert.Equal("International Conference on Learning Representations", page.Venue);
        Assert.Equal("https://openreview.net/pdf?id=Sy8gdB9xx", page.PdfUrl);
        Assert.Equal("paper", page.Kind);
    }

    [Fact]
    public void DublinCoreGivesTitleCreatorsDateAndPublisher()
    {
        var page = HtmlMetadata.Parse(MetadataFixtures.Bytes("dublin-core.html"), null, s_page)!;

        Assert.Equal("A Mathematical Theory of Deep Convolutional Networks", page.Title);
        Assert.Equal(["Wiatowski, Thomas", "Bölcskei, Helmut"], page.Authors);
        Assert.Equal(2015, page.Year);
        Assert.Equal("ETH Zürich", page.Venue);
        Assert.Null(page.Kind);
    }

    [Theory]
    [InlineData("json-ld-course.html", "course", "Mathematics of Deep Learning")]
    [InlineData("json-ld-event.html", "event", "Deep Learning Theory Summer School")]
    [InlineData("json-ld-person.html", "person", "Ada Lovelace")]
    [InlineData("opengraph.html", "blog", "Why Overparameterized Networks Generalize")]
    public void JsonLdAndOpenGraphTypesGiveKindAndTitle(string fixture, string kind, string title)
    {
        var page = HtmlMetadata.Parse(MetadataFixtures.Bytes(fixture), null, s_page)!;

        Assert.Equal(kind, page.Kind);
        Assert.Equal(title, page.Title);
    }

    [Fact]
    public void APageWithOnlyATitleGivesItsFoldedTitle()
    {
        var page = HtmlMetadata.Parse(MetadataFixtures.Bytes("plain-title.html"), null, s_page)!;

        Assert.Equal("Mathematical Foundations of Neural Networks", page.Title);
        Assert.Null(page.Kind);
    }

    [Fact]
    public void AGbkPageDecodesByItsMetaCharset()
    {
        var page = HtmlMetadata.Parse(MetadataFixtures.Bytes("gbk.html"), null, s_page)!;

        Assert.Equal("深度学习理论", page.Title);
        Assert.Equal("神经网络的数学基础", page.Abstract);
    }

    [Fact]
    public void TheHeaderCharsetWinsOverTheMetaCharset()
    {
        var body = Encoding.UTF8.GetBytes("<html><head><meta charset=\"iso-8859-1\"><title>Zürich – Köln</title></head></html>");

        Assert.Equal("Zürich – Köln", HtmlMetadata.Parse(body, "utf-8", s_page)!.Title);
    }

    [Fact]
    public void HostileMetadataEndsAsCleanCappedTextWithoutScriptUrls()
    {
        var page = HtmlMetadata.Parse(MetadataFixtures.Bytes("hostile.html"), null, s_page)!;

        Assert.Equal("alert(1) Evil Title with bold", page.Title);
        Assert.Equal(["gnissim"], page.Authors);
        Assert.Null(page.PdfUrl);
        Assert.Equal(CleanText.AbstractLength, page.Abstract!.Length);
    }
}
