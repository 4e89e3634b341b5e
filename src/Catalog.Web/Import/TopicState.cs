namespace Catalog.Web.Import;

/// <summary>A topic as the diff sees it, whether loaded from the catalog or freshly parsed.</summary>
public sealed record TopicState(
    string Slug,
    string Title,
    int Level,
    string? ParentSlug,
    int Position,
    string Intro,
    IReadOnlyList<(string Url, string Label)> Links,
    IReadOnlyList<(string Url, string Text)> Quotes,
    IReadOnlyList<string> Images)
{
    public static TopicState From(ParsedTopic topic) => new(
        topic.Slug,
        topic.Title,
        topic.Level,
        topic.ParentSlug,
        topic.Position,
        topic.IntroMarkdown,
        topic.Links.Select(l => (l.Url, l.Label)).ToList(),
        topic.Quotes.Select(q => (q.Url, q.Text)).ToList(),
        topic.Images.Select(i => i.Src).ToList());
}
