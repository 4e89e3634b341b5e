using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Catalog.Web.Import;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Reads what a page says about itself, most specific first: Highwire citation_* tags (scholarly pages), Dublin Core,
/// JSON-LD, OpenGraph and Twitter cards, then &lt;title&gt;. A field takes the first family that has it.
/// </summary>
public static class HtmlMetadata
{
    public static FetchedMetadata? Parse(byte[] body, string? charset, Uri pageUrl)
    {
        var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(PageEncoding.Decode(body, charset));
        var meta = new MetaTags(document);
        var linked = JsonLd.Read(document);
        var citation = meta.First("citation_title") is not null;

        var published = meta.First("citation_publication_date", "citation_date", "citation_online_date", "dc.date", "dcterms.date", "dcterms.issued", "article:published_time")
            ?? linked?.Published;
        var result = new FetchedMetadata(MetadataSources.Html)
        {
            Title = CleanText.Line(meta.First("citation_title", "dc.title", "dcterms.title") ?? linked?.Title
                ?? meta.First("og:title", "twitter:title") ?? document.Title, CleanText.TitleLength),
            Authors = CleanText.Names(Either(meta.All("citation_author"), meta.All("dc.creator", "dcterms.creator"), linked?.Authors ?? [], meta.All("article:author"))),
            Published = CleanText.Date(published),
            Year = CleanText.Year(published),
            Venue = CleanText.Line(meta.First("citation_conference_title", "citation_journal_title", "citation_publisher", "dc.publisher")),
            Abstract = CleanText.Line(meta.First("citation_abstract", "dc.description", "dcterms.abstract") ?? linked?.Description
                ?? meta.First("og:description", "twitter:description", "description"), CleanText.AbstractLength),
            Doi = CanonicalId.NormaliseDoi(meta.First("citation_doi", "dc.identifier")),
            ArxivId = CleanText.Line(meta.First("citation_arxiv_id"), 40),
            PdfUrl = CleanText.HttpUrl(meta.First("citation_pdf_url"), pageUrl),
            Kind = citation ? LinkKinds.Paper : linked?.Kind ?? KindOfOpenGraph(meta.First("og:type")),
        };
        return result.IsEmpty ? null : result;
    }

    private static IEnumerable<string> Either(params IReadOnlyList<string>[] families) =>
        families.FirstOrDefault(f => f.Count > 0) ?? [];

    private static string? KindOfOpenGraph(string? type) => type?.ToLowerInvariant() switch
    {
        null => null,
        var t when t.StartsWith("video", StringComparison.Ordinal) => LinkKinds.Video,
        "profile" => LinkKinds.Person,
        "book" or "books.book" => LinkKinds.Book,
        "article" => LinkKinds.Blog,
        _ => null,
    };

    /// <summary>The page's meta tags by name or property, lower-case, in document order.</summary>
    private sealed class MetaTags
    {
        private readonly ILookup<string, string> _tags;

        public MetaTags(IDocument document) =>
            _tags = document.QuerySelectorAll("meta")
                .Select(m => (Name: (m.GetAttribute("name") ?? m.GetAttribute("property") ?? m.GetAttribute("itemprop"))?.Trim().ToLowerInvariant(), Content: m.GetAttribute("content")))
                .Where(m => m.Name is not null && !string.IsNullOrWhiteSpace(m.Content))
                .ToLookup(m => m.Name!, m => m.Content!);

        public string? First(params string[] names) => names.SelectMany(n => _tags[n]).FirstOrDefault();

        public IReadOnlyList<string> All(params string[] names) => names.SelectMany(n => _tags[n]).ToList();
    }
}
