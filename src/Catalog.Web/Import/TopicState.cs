namespace Catalog.Web.Import;

/// <summary>A topic as the diff sees it, whether loaded from the catalog or freshly parsed.</summary>
public sealed record TopicState(
    string Slug,
    string Title,
    int Level,
    string? ParentSlug,
    int Position,
    string Intro,
    IReadOnlyList<TopicLink> Links,
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
        topic.Links.Select(l => new TopicLink(l.Url, l.Label, l.Place)).ToList(),
        topic.Quotes.Select(q => (q.Url, q.Text)).ToList(),
        topic.Images.Select(i => i.Src).ToList());
}

/// <summary>One mention of a URL in a topic. A quote's mention is labelled with the quote's text.</summary>
public sealed record TopicLink(string Url, string Label, LinkPlace Place);
