using System.Text.Json;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Reads a Crossref works API answer (api.crossref.org/works/{doi}: {"status":"ok","message":{...}}): title, authors
/// (given and family), issued date-parts, container-title and type. Anything else, or invalid JSON, yields null.
/// </summary>
public static class CrossrefWork
{
    public static FetchedMetadata? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("message", out var work) || work.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var year = IssuedYear(work);
            var type = Json.String(work, "type");
            return new FetchedMetadata(MetadataSources.Crossref)
            {
                Title = CleanText.Line(Json.First(work, "title"), CleanText.TitleLength),
                Authors = CleanText.Names(Json.Array(work, "author").Select(Name)),
                Year = year,
                Published = year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Venue = CleanText.Line(Json.First(work, "container-title")),
                Doi = CanonicalId.NormaliseDoi(Json.String(work, "DOI")),
                Abstract = CleanText.Line(Json.String(work, "abstract"), CleanText.AbstractLength),
                Kind = type is "book" or "monograph" or "edited-book" ? Import.LinkKinds.Book : Import.LinkKinds.Paper,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Name(JsonElement author)
    {
        var given = Json.String(author, "given");
        var family = Json.String(author, "family");
        return family is null ? Json.String(author, "name") : given is null ? family : $"{given} {family}";
    }

    private static int? IssuedYear(JsonElement work)
    {
        foreach (var field in (string[])["published-print", "published-online", "issued", "created"])
        {
            if (work.TryGetProperty(field, out var date) && date.TryGetProperty("date-parts", out var parts)
                && parts.ValueKind == JsonValueKind.Array && parts.GetArrayLength() > 0
                && parts[0].ValueKind == JsonValueKind.Array && parts[0].GetArrayLength() > 0
                && parts[0][0].ValueKind == JsonValueKind.Number && parts[0][0].TryGetInt32(out var year))
            {
                return year;
            }
        }

        return null;
    }
}
