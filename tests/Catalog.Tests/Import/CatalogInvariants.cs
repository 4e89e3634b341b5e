using AngleSharp.Html.Parser;
using Catalog.Web.Import;

namespace Catalog.Tests.Import;

/// <summary>What must hold for any parse of any input: the catalog's invariants.</summary>
public static class CatalogInvariants
{
    private static readonly HtmlParser s_parser = new();

    public static void Check(ParsedCatalog parsed)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in parsed.Topics)
        {
            Assert.False(string.IsNullOrWhiteSpace(topic.Slug), "every topic has a slug");
            Assert.True(topic.ParentSlug is null || slugs.Contains(topic.ParentSlug), $"parent of {topic.Slug} comes before it");
            Assert.True(slugs.Add(topic.Slug), $"slug {topic.Slug} is unique");
            foreach (var link in topic.Links)
            {
                Assert.True(Urls.IsSafe(link.Url), $"only safe URLs become links: {link.Url}");
                Assert.Equal(Urls.Normalize(link.RawUrl), link.Url);
                Assert.False(string.IsNullOrEmpty(link.Label));
            }

            foreach (var quote in topic.Quotes)
            {
                Assert.Contains(topic.Links, l => l.Url == quote.Url && l.Place == LinkPlace.Quote);
            }

            AssertInert(topic.IntroHtml);
        }

        Assert.True(parsed.Topics.Count >= parsed.Headings);
        Assert.Equal(parsed.Topics.Sum(t => t.Links.Count), parsed.LinkCount);
    }

    /// <summary>No script, frame, event handler or dangerous URL survives the sanitizer.</summary>
    public static void AssertInert(string html)
    {
        var document = s_parser.ParseDocument("<body>" + html);
        Assert.Empty(document.QuerySelectorAll("script, iframe, frame, object, embed, form, style, svg, math, base, meta, link"));
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name}");
                if (attribute.Name is "href" or "src")
                {
                    Assert.True(Urls.IsSafe(attribute.Value), $"{attribute.Name}={attribute.Value}");
                }
            }
        }
    }
}
