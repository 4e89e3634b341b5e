namespace Catalog.Web.Import;

/// <summary>What the parser makes of one seed file: a pure value, no database involved.</summary>
public sealed record ParsedCatalog(IReadOnlyList<ParsedTopic> Topics, int Headings, IReadOnlyList<string> Warnings)
{
    public int LinkCount => Topics.Sum(t => t.Links.Count);

    public int DistinctUrlCount => Topics.SelectMany(t => t.Links).Select(l => l.Url).Distinct(StringComparer.Ordinal).Count();

    public int QuoteCount => Topics.Sum(t => t.Quotes.Count);

    public int ImageCount => Topics.Sum(t => t.Images.Count);
}

public sealed record ParsedTopic(
    string Slug,
    string Title,
    int Level,
    string? ParentSlug,
    int Position,
    string IntroMarkdown,
    string IntroHtml,
    IReadOnlyList<ParsedLink> Links,
    IReadOnlyList<ParsedQuote> Quotes,
    IReadOnlyList<ParsedImage> Images);

/// <summary>Where in the markdown a link appeared.</summary>
public enum LinkPlace
{
    List,
    Prose,
    Table,
    Quote,
    Heading,
}

/// <summary>One appearance of a resource link. <see cref="Url"/> is the normalised identity, <see cref="RawUrl"/> as written.</summary>
public sealed record ParsedLink(string Url, string RawUrl, string Label, string? Context, LinkPlace Place, int Position);

public sealed record ParsedQuote(string Text, string Url, int Position);

public sealed record ParsedImage(string Src, string? Alt, string? Width, int Position);
