using AngleSharp.Dom;
using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Pages;

public sealed class TopicPageTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PhysicsPageShowsItsQuoteAsABlockquoteCitingItsSource()
    {
        var page = await _client.GetDocumentAsync("/topics/physics-and-deep-learning");

        var quote = Assert.Single(page.QuerySelectorAll("main figure.quote"));
        var blockquote = quote.QuerySelector("blockquote")!;
        Assert.Contains("Jarzynski equality", blockquote.TextContent, StringComparison.Ordinal);
        const string source = "https://physics.berkeley.edu/news-events/events/20151005/the-statistical-physics-of-deep-learning-on-the-beneficial-roles-of";
        Assert.Equal(source, blockquote.GetAttribute("cite"));
        Assert.Equal(source, quote.QuerySelector("figcaption a.url")?.GetAttribute("href"));
        Assert.StartsWith("/links/", quote.QuerySelector("figcaption a[href^='/links/']")?.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuoteSourcesAreNotRepeatedInTheLinkList()
    {
        var page = await _client.GetDocumentAsync("/topics/physics-and-deep-learning");

        var listed = page.QuerySelectorAll("ol.links a.label").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(22, listed.Count);
        Assert.DoesNotContain(page.QuerySelector("blockquote")!.GetAttribute("cite"), listed);
    }

    [Fact]
    public async Task PhysicsPageLinksToItsFigureNotKeptYetInsteadOfLoadingItFromAnotherSite()
    {
        var page = await _client.GetDocumentAsync("/topics/physics-and-deep-learning");

        Assert.Empty(page.QuerySelectorAll("main img"));
        var link = Assert.Single(page.QuerySelectorAll("main .figure-elsewhere a.figure-link"));
        Assert.Equal("https://d2r55xnwy6nx47.cloudfront.net/uploads/2017/09/InfoBottleneck_2880x1620.jpg", link.GetAttribute("href"));
        Assert.Equal("Figure for Physics and Deep Learning (d2r55xnwy6nx47.cloudfront.net)", link.TextContent);
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
    }

    [Fact]
    public async Task NoTopicPageOfTheSeedLoadsAnImageFromAnotherSite()
    {
        var slugs = (await _client.GetDocumentAsync("/")).QuerySelectorAll("main a[href^='/topics/']")
            .Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.Equal(17, slugs.Count); // every topic of the seed, three of them with a figure

        foreach (var slug in slugs)
        {
            var page = await _client.GetDocumentAsync(slug);
            foreach (var image in page.QuerySelectorAll("img[src], source[srcset], img[srcset]"))
            {
                var src = image.GetAttribute("src") ?? image.GetAttribute("srcset")!;
                Assert.True(src.StartsWith('/') && !src.StartsWith("//", StringComparison.Ordinal), $"{slug} loads an image from {src}");
            }
        }
    }

    [Fact]
    public async Task RootTopicListsTheReadingGroupAsASubtopic()
    {
        var page = await _client.GetDocumentAsync("/topics/science-of-deep-learning");

        var subtopics = page.QuerySelectorAll("section.subtopics li a").ToList();
        Assert.Equal("Deep Learning Reading Group", subtopics[0].TextContent);
        Assert.Equal("/topics/deep-learning-reading-group", subtopics[0].GetAttribute("href"));
        Assert.Equal(13, subtopics.Count);
    }

    [Theory]
    [InlineData("/topics/deep-learning-reading-group", "https://calculatedcontent.com/2015/03/25/why-does-deep-learning-work/", "Physics and Deep Learning")]
    [InlineData("/topics/physics-and-deep-learning", "https://calculatedcontent.com/2015/03/25/why-does-deep-learning-work/", "Deep Learning Reading Group")]
    [InlineData("/topics/science-of-deep-learning", "http://dalimeeting.org/dali2018/workshopTheoryDL.html", "Mathematics of Deep Learning")]
    public async Task ALinkListedInSeveralTopicsSaysWhereElseItIs(string topic, string url, string elsewhere)
    {
        var page = await _client.GetDocumentAsync(topic);

        var items = page.QuerySelectorAll("ol.links > li").Where(li => li.QuerySelector("a.label")?.GetAttribute("href") == url).ToList();
        Assert.NotEmpty(items);
        Assert.All(items, item =>
        {
            var alsoIn = item.QuerySelectorAll("p.also-in a").Select(a => a.TextContent).ToList();
            Assert.Equal([elsewhere], alsoIn);
        });
    }

    [Fact]
    public async Task ALinkListedOnlyHereSaysNothingElse()
    {
        var page = await _client.GetDocumentAsync("/topics/physics-and-deep-learning");

        var pinns = page.QuerySelectorAll("ol.links > li").Single(li => li.QuerySelector("a.label")?.GetAttribute("href") == "https://maziarraissi.github.io/PINNs/");
        Assert.Null(pinns.QuerySelector("p.also-in"));
    }

    [Fact]
    public async Task EachLinkShowsItsLabelHostKindAndDetailsPage()
    {
        var page = await _client.GetDocumentAsync("/topics/physics-and-deep-learning");

        var row = page.QuerySelectorAll("ol.links > li").Single(li => li.QuerySelector("a.label")?.TextContent == "Physics-Based Deep Learning");
        Assert.Equal("https://github.com/thunil/Physics-Based-Deep-Learning", row.QuerySelector("a.label")?.GetAttribute("href"));
        Assert.Equal("/hosts/github.com", row.QuerySelector("a.host")?.GetAttribute("href"));
        Assert.Equal("code", row.QuerySelector("a.kind")?.TextContent);
        Assert.Equal("/kinds/code", row.QuerySelector("a.kind")?.GetAttribute("href"));
        Assert.Matches("^/links/[0-9]+$", row.QuerySelector("a.details")?.GetAttribute("href"));
    }

    [Fact]
    public async Task BreadcrumbLeadsFromHomeThroughEveryParent()
    {
        var page = await _client.GetDocumentAsync("/topics/neural-ordinary-differential-equations");

        var crumbs = page.QuerySelectorAll("nav[aria-label=Breadcrumb] li").ToList();
        Assert.Equal(["Home", "Science of Deep Learning", "Dynamics and Deep Learning", "Neural Ordinary Differential Equations"],
            crumbs.Select(c => c.TextContent.Trim()));
        Assert.Equal("/topics/dynamics-and-deep-learning", crumbs[2].QuerySelector("a")?.GetAttribute("href"));
        Assert.Null(crumbs[3].QuerySelector("a"));
    }

    [Fact]
    public async Task PreviousAndNextFollowDocumentOrder()
    {
        var middle = await _client.GetDocumentAsync("/topics/physics-and-deep-learning");
        var first = await _client.GetDocumentAsync("/topics/science-of-deep-learning");
        var last = await _client.GetDocumentAsync("/topics/information-theory-and-deep-learning");

        Assert.Equal("/topics/deep-learning-reading-group", middle.QuerySelector("nav.pager a[rel=prev]")?.GetAttribute("href"));
        Assert.Equal("/topics/mathematics-of-deep-learning", middle.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href"));
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Equal("/topics/deep-learning-reading-group", first.QuerySelector("a[rel=next]")?.GetAttribute("href"));
        Assert.Null(last.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task IntroMathLoadsKatexAndStaysReadableWithoutIt()
    {
        var page = await _client.GetDocumentAsync("/topics/dynamics-and-deep-learning");

        var intro = page.QuerySelector("main .intro.has-math")!;
        Assert.Contains(@"\(f_t\)", intro.QuerySelectorAll("span.math").Select(s => s.TextContent));
        Assert.NotNull(page.QuerySelector("head link[rel=stylesheet][href='/lib/katex/katex.min.css']"));
        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!.Split('?')[0]).ToList();
        Assert.Equal(["/js/search-suggest.js", "/lib/katex/katex.min.js", "/lib/katex/contrib/auto-render.min.js", "/js/math.js"], scripts);
        Assert.All(page.QuerySelectorAll("script[src]"), s => Assert.True(s.HasAttribute("defer")));
    }

    [Fact]
    public async Task QuoteMathIsTypesetToo()
    {
        var page = await _client.GetDocumentAsync("/topics/approximation-theory-for-deep-learning");

        var quote = page.QuerySelectorAll("blockquote").Single(b => b.TextContent.Contains("$L^2(", StringComparison.Ordinal));
        Assert.Contains("has-math", quote.ClassList);
        Assert.NotNull(page.QuerySelector("script[src^='/lib/katex/katex.min.js']"));
    }

    [Fact]
    public async Task PagesWithoutMathLoadOnlyTheSearchBoxScript()
    {
        var page = await _client.GetDocumentAsync("/topics/physics-and-deep-learning");

        var scripts = page.QuerySelectorAll("script").Select(s => s.GetAttribute("src")?.Split('?')[0]).ToList();
        Assert.Equal(["/js/search-suggest.js"], scripts);
        Assert.Null(page.QuerySelector("link[href*=katex]"));
    }

    [Fact]
    public async Task UnknownTopicIs404()
    {
        var page = await _client.GetDocumentAsync("/topics/no-such-topic", System.Net.HttpStatusCode.NotFound);

        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent);
    }
}
