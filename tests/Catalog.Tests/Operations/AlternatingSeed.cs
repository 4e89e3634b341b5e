using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using Catalog.Web.Import;

namespace Catalog.Tests.Operations;

/// <summary>
/// Two versions of one seed ("a" and "b") whose topic "Alternating" keeps its slug while everything it holds changes:
/// its intro names the version, its links, quote and subtopic live on that version's host. Any answer that mixes
/// queries from both shows up as two versions in one response.
/// </summary>
public static class AlternatingSeed
{
    public const string Slug = "alternating";

    public static SeedFile Version(string v)
    {
        var markdown = new StringBuilder($"# Snapshot\n\n## Alternating\n\nIntro of version {v}.\n\n");
        markdown.Append($"[A quote of version {v}, long enough to be kept as the quote of its source rather than as a plain link in the list.](https://{v}.example/quote)\n\n");
        for (var i = 0; i < 20; i++)
        {
            markdown.Append($"- [Link {i} of version {v}](https://{v}.example/{i})\n");
        }

        markdown.Append($"\n### Child {v}\n\n- [child link](https://{v}.example/child)\n");
        return new SeedFile("alternating.md", Encoding.UTF8.GetBytes(markdown.ToString()));
    }

    /// <summary>
    /// What one /api/topics/{slug} answer was built from, as "a: 21 links, 1 quotes, 1 children". A consistent answer
    /// names one version and has all of its parts; a mixed one names two, or misses the parts the other version owns.
    /// </summary>
    public static string Shape(JsonElement topic) => Shape(
        topic.GetProperty("intro").GetString()!,
        [.. topic.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("url").GetString()!)],
        [.. topic.GetProperty("quotes").EnumerateArray().Select(q => q.GetProperty("url").GetString()!)],
        [.. topic.GetProperty("children").EnumerateArray().Select(c => c.GetString()!)]);

    /// <summary>The same for the topic page (whose list leaves out the quote's own link).</summary>
    public static string Shape(IDocument page) => Shape(
        page.QuerySelector(".intro")!.TextContent,
        [.. page.QuerySelectorAll(".link-list a.label").Select(a => a.GetAttribute("href")!)],
        [.. page.QuerySelectorAll("figure.quote blockquote").Select(q => q.GetAttribute("cite")!)],
        [.. page.QuerySelectorAll(".subtopics a").Select(a => a.GetAttribute("href")!.Split('/')[^1])]);

    public static string ApiShape(string v) => $"{v}: 21 links, 1 quotes, 1 children";

    public static string PageShape(string v) => $"{v}: 20 links, 1 quotes, 1 children";

    private static string Shape(string intro, List<string> links, List<string> quotes, List<string> children)
    {
        var versions = new SortedSet<string>(StringComparer.Ordinal) { intro.Trim().Split("version ")[1].TrimEnd('.') };
        versions.UnionWith(links.Concat(quotes).Select(HostVersion));
        versions.UnionWith(children.Select(c => c.Split('-')[1]));
        return $"{string.Join('+', versions)}: {links.Count} links, {quotes.Count} quotes, {children.Count} children";
    }

    private static string HostVersion(string url) => new Uri(url).Host.Split('.')[0];
}
