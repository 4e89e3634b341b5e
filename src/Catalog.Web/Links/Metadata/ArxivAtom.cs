using System.Xml;
using System.Xml.Linq;
using Catalog.Web.Export.Citations;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Reads the arXiv export API's Atom feed (arxiv.org/help/api/user-manual): one entry per id asked for, with the
/// arxiv: extension elements for the primary category, DOI and journal reference. An unknown id comes back as an
/// entry without a title or as an error entry; neither yields a record. Invalid XML yields nothing.
/// </summary>
public static class ArxivAtom
{
    private static readonly XNamespace s_atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace s_arxiv = "http://arxiv.org/schemas/atom";

    /// <returns>By arXiv id without version.</returns>
    public static Dictionary<string, FetchedMetadata> Parse(byte[] body)
    {
        var records = new Dictionary<string, FetchedMetadata>(StringComparer.OrdinalIgnoreCase);
        XDocument feed;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            feed = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return records;
        }

        foreach (var entry in feed.Root?.Elements(s_atom + "entry") ?? [])
        {
            var idUrl = (string?)entry.Element(s_atom + "id") ?? "";
            var id = ArxivId.FromUrl(idUrl.Replace("http://", "https://", StringComparison.Ordinal));
            var title = CleanText.Line((string?)entry.Element(s_atom + "title"), CleanText.TitleLength);
            if (id is null || title is null || idUrl.Contains("/api/errors", StringComparison.Ordinal))
            {
                continue;
            }

            var published = CleanText.Date((string?)entry.Element(s_atom + "published"));
            var journalRef = CleanText.Line((string?)entry.Element(s_arxiv + "journal_ref"));
            var doi = CanonicalId.NormaliseDoi((string?)entry.Element(s_arxiv + "doi"));
            records[id.Id] = new FetchedMetadata(MetadataSources.Arxiv)
            {
                Title = title,
                Authors = CleanText.Names(entry.Elements(s_atom + "author").Select(a => (string?)a.Element(s_atom + "name"))),
                Published = published,
                Year = CleanText.Year(published),
                Abstract = CleanText.Line((string?)entry.Element(s_atom + "summary"), CleanText.AbstractLength),
                PrimaryClass = CleanText.Line((string?)entry.Element(s_arxiv + "primary_category")?.Attribute("term"), 40),
                ArxivId = id.Id,
                Doi = doi,
                // A preprint that became a paper: its journal reference names where.
                Venue = journalRef,
                PdfUrl = entry.Elements(s_atom + "link").Where(l => (string?)l.Attribute("title") == "pdf")
                    .Select(l => CleanText.HttpUrl((string?)l.Attribute("href"))).FirstOrDefault(u => u is not null),
                Kind = Import.LinkKinds.Paper,
            };
        }

        return records;
    }
}
