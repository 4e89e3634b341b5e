using Markdig;

namespace Catalog.Web.Import;

/// <summary>One topic while the walker fills it: a heading, its links, quotes, images and intro paragraphs.</summary>
internal sealed class TopicBuilder(string slug, string title, int level, string? parentSlug, int position, bool isPreamble)
{
    private readonly List<string> _intro = [];

    public string Slug => slug;

    public string Title => title;

    public int Level => level;

    public bool IsPreamble => isPreamble;

    public List<ParsedLink> Links { get; } = [];

    public List<ParsedQuote> Quotes { get; } = [];

    public List<ParsedImage> Images { get; } = [];

    public void ContinueQuote(string text) => Quotes[^1] = Quotes[^1] with { Text = Quotes[^1].Text + "\n\n" + text };

    public void Intro(string markdownSource)
    {
        if (!string.IsNullOrWhiteSpace(markdownSource))
        {
            _intro.Add(markdownSource.Trim());
        }
    }

    /// <summary>
    /// How deeply the raw HTML of the topic so far nests: its intro paragraphs reach the sanitizer as one fragment, so
    /// tags one paragraph leaves open are still open in the next.
    /// </summary>
    public int HtmlDepth;

    public ParsedTopic Build()
    {
        var intro = string.Join("\n\n", _intro);
        var html = intro.Length == 0 ? "" : HtmlSanitizer.Sanitize(Markdown.ToHtml(intro, CatalogMarkdown.Pipeline));
        return new ParsedTopic(slug, title, level, parentSlug, position, intro, html, Links, Quotes, Images);
    }
}
