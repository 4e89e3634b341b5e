using AngleSharp.Dom;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Pages.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Pages;

/// <summary>Every page describes itself once, for search engines (meta description) and link previews (OpenGraph, Twitter card).</summary>
public sealed class PageDescriptionTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private const string Dali = "http://dalimeeting.org/dali2018/workshopTheoryDL.html";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task HomeIsDescribedAsTheCatalogWithItsSize()
    {
        var page = await _client.GetDocumentAsync("/");

        var description = Description(page);
        Assert.StartsWith(PageDescription.Catalog + " ", description, StringComparison.Ordinal);
        Assert.Matches(@" [\d,]+ links in [\d,]+ topics\.$", description);
        Assert.Equal(("Topics", "website"), (Meta(page, "og:title"), Meta(page, "og:type")));
    }

    [Fact]
    public async Task ATopicWithAnIntroIsDescribedByItsFirstSentence()
    {
        var page = await _client.GetDocumentAsync("/topics/dynamics-and-deep-learning");

        Assert.Equal("Dynamics of deep learning is to consider deep learning as a dynamic system.", Description(page));
        Assert.Equal(("Dynamics and Deep Learning", "article"), (Meta(page, "og:title"), Meta(page, "og:type")));
    }

    [Fact]
    public async Task ATopicWithoutAnIntroIsDescribedByItsNumberOfLinks()
    {
        var (slug, title) = await TopicWithoutIntroAsync();
        var page = await _client.GetDocumentAsync($"/topics/{slug}");

        var links = page.QuerySelectorAll("ol.links > li").Length;
        Assert.Equal($"{links} links on {title}.", Description(page));
    }

    [Fact]
    public async Task ALinkIsDescribedByItsLabelKindHostAndTopics()
    {
        var page = await _client.GetDocumentAsync($"/links/{await LinkIdAsync(Dali)}");

        var description = Description(page);
        Assert.StartsWith("DALI 2018 - Data, Learning and Inference: Events and workshops on dalimeeting.org, listed in ", description, StringComparison.Ordinal);
        Assert.Contains("Science of Deep Learning", description, StringComparison.Ordinal);
        Assert.Equal(("DALI 2018 - Data, Learning and Inference", "article"), (Meta(page, "og:title"), Meta(page, "og:type")));
    }

    [Theory]
    [InlineData("physics")]
    [InlineData("<script>alert(1)</script> \"quoted\"")]
    public async Task ASearchIsDescribedByItsQueryAsText(string query)
    {
        var page = await _client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(query));

        Assert.Contains($"“{query}”", Description(page), StringComparison.Ordinal);
        Assert.Empty(page.Head!.QuerySelectorAll("script:not([src])"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/topics/physics-and-deep-learning")]
    [InlineData("/search?q=physics")]
    [InlineData("/search")]
    [InlineData("/hosts")]
    public async Task EveryPageHasOneDescriptionAndASummaryCardButNoRelativeOpenGraphUrl(string path)
    {
        var page = await _client.GetDocumentAsync(path);

        Assert.Single(page.QuerySelectorAll("head meta[name='description']"));
        Assert.Equal(Description(page), Meta(page, "og:description"));
        Assert.Equal("summary", page.QuerySelector("head meta[name='twitter:card']")?.GetAttribute("content"));
        Assert.InRange(Description(page).Length, 20, PageDescription.MaxLength + 1);
        Assert.Null(page.QuerySelector("head meta[property='og:url']"));
    }

    [Theory]
    [InlineData("<p>First one. Second one.</p>", "First one.")]
    [InlineData("<p>Tools, e.g. <code>jax</code> and v1.2. Then more.</p>", "Tools, e.g. jax and v1.2.")]
    [InlineData("<p>Only <a href=\"https://x.org\">one</a> &amp; no end</p>", "Only one & no end")]
    [InlineData("<p>Is it? Yes.</p>", "Is it?")]
    [InlineData("<img src=\"https://x.org/a.png\" alt=\"a\">", "")]
    public void TheFirstSentenceOfAnIntroIsItsTextUpToTheFirstFullStop(string html, string sentence) =>
        Assert.Equal(sentence, PageDescription.FirstSentence(html));

    [Fact]
    public void ALongDescriptionIsCutAtAWord()
    {
        var viewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary(
            new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary());

        PageDescription.Set(viewData, string.Join(' ', Enumerable.Repeat("word", 100)));

        var description = PageDescription.Of(viewData);
        Assert.True(description.Length <= PageDescription.MaxLength, $"{description.Length} characters");
        Assert.EndsWith("word…", description, StringComparison.Ordinal);
    }

    private static string Description(IDocument page) =>
        page.QuerySelector("head meta[name='description']")?.GetAttribute("content") ?? "";

    private static string? Meta(IDocument page, string property) =>
        page.QuerySelector($"head meta[property='{property}']")?.GetAttribute("content");

    private async Task<(string Slug, string Title)> TopicWithoutIntroAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var topic = await db.Topics.Where(t => t.IntroHtml == "" && t.Mentions.Count() > 1).OrderBy(t => t.Position)
            .Select(t => new { t.Slug, t.Title }).FirstAsync(TestContext.Current.CancellationToken);
        return (topic.Slug, topic.Title);
    }

    private async Task<int> LinkIdAsync(string url)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        return await db.Links.Where(l => l.Url == url).Select(l => l.Id).SingleAsync(TestContext.Current.CancellationToken);
    }
}
