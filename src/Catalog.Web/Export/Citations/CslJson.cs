using System.Text.Json;
using System.Text.Json.Nodes;

namespace Catalog.Web.Export.Citations;

/// <summary>
/// CSL-JSON (the Citation Style Language's data schema, read by Zotero, Pandoc and citeproc): an array of items with
/// the same ids as the BibTeX keys. "article-journal"/"paper-conference" when the venue says so, "article" (CSL's
/// preprint) for arXiv, "webpage" otherwise.
/// </summary>
public static class CslJson
{
    public static string Write(IReadOnlyList<CitationWork> works)
    {
        var keys = BibKeys.For(works);
        var items = new JsonArray();
        for (var i = 0; i < works.Count; i++)
        {
            items.Add(Item(keys[i], works[i]));
        }

        return items.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) });
    }

    private static JsonObject Item(string key, CitationWork work)
    {
        var metadata = work.Metadata;
        var arxiv = work.Arxiv;
        var item = new JsonObject
        {
            ["id"] = key,
            ["type"] = (metadata?.Venue, metadata?.VenueKind) switch
            {
                ({ }, VenueKind.Journal) => "article-journal",
                ({ }, VenueKind.Proceedings) => "paper-conference",
                _ when arxiv is not null => "article",
                _ => "webpage",
            },
            ["title"] = work.Title,
            ["URL"] = work.Url,
        };
        if (metadata?.Authors is { Count: > 0 } authors)
        {
            item["author"] = new JsonArray([.. authors.Select(Author)]);
        }

        if ((metadata?.Year ?? arxiv?.Year) is { } year)
        {
            item["issued"] = new JsonObject { ["date-parts"] = new JsonArray(new JsonArray(year)) };
        }

        if (metadata?.Venue is { } venue)
        {
            item["container-title"] = venue;
        }

        if (metadata?.Doi is { } doi)
        {
            item["DOI"] = doi;
        }

        if (arxiv is not null)
        {
            item["publisher"] = "arXiv";
            item["number"] = arxiv.Id;
        }

        item["keyword"] = work.Kind;
        if (work.Topics.Count > 0)
        {
            item["note"] = "Listed in: " + string.Join("; ", work.Topics);
        }

        return item;
    }

    private static JsonNode Author(string author)
    {
        var name = Names.Split(author);
        return name.Given.Length == 0
            ? new JsonObject { ["literal"] = name.Family }
            : new JsonObject { ["family"] = name.Family, ["given"] = name.Given };
    }
}
