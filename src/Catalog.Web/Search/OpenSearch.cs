using System.Xml.Linq;

namespace Catalog.Web.Search;

/// <summary>The OpenSearch description document (https://github.com/dewitt/opensearch): search URL templates.</summary>
public static class OpenSearch
{
    public const string ContentType = "application/opensearchdescription+xml";

    private static readonly XNamespace s_ns = "http://a9.com/-/spec/opensearch/1.1/";

    public static IResult Description(HttpRequest request)
    {
        var site = Web.SiteUrl.Of(request);
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(s_ns + "OpenSearchDescription",
                new XElement(s_ns + "ShortName", "Catalog"),
                new XElement(s_ns + "Description", "Search the catalog of resources on the science and theory of deep learning"),
                new XElement(s_ns + "InputEncoding", "UTF-8"),
                new XElement(s_ns + "Url", new XAttribute("type", "text/html"), new XAttribute("method", "get"), new XAttribute("template", site + "/search?q={searchTerms}")),
                new XElement(s_ns + "Url", new XAttribute("type", "application/json"), new XAttribute("method", "get"), new XAttribute("template", site + "/api/search?q={searchTerms}&page={startPage?}")),
                new XElement(s_ns + "Url", new XAttribute("type", "application/opensearchdescription+xml"), new XAttribute("rel", "self"), new XAttribute("template", site + "/opensearch.xml"))));
        return Results.Text(document.Declaration + "\n" + document.Root, ContentType);
    }
}
