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

    /// <param name="checkHtml">Sees the intro's HTML before the sanitizer parses it (<see cref="HtmlNesting.Check"/>).</param>
    public ParsedTopic Build(Action<string> checkHtml)
    {
        var intro = string.Join("\n\n", _intro);
        var rendered = intro.Length == 0 ? "" : Markdown.ToHtml(intro, CatalogMarkdown.Pipeline);
        checkHtml(rendered);
        var html = rendered.Length == 0 ? "" : HtmlSanitizer.Sanitize(rendered);
        return new ParsedTopic(slug, title, level, parentSlug, position, intro, html, Links, Quotes, Images);
    }
}
