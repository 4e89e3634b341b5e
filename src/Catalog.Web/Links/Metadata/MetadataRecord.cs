using System.Text.Json;
using Catalog.Web.Data;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Folds what sources said into a stored row, field by field: a value from a more trusted source (arXiv over Crossref
/// over GitHub over oEmbed over the page) is not overwritten by a less trusted one, a source refreshes its own values,
/// and each field remembers its source and fetch time.
/// </summary>
public static class MetadataRecord
{
    public sealed record FieldSource(string Source, DateTimeOffset FetchedAt);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static Dictionary<string, FieldSource> Sources(LinkMetadataRow row) =>
        JsonSerializer.Deserialize<Dictionary<string, FieldSource>>(row.FieldSources, s_json) ?? [];

    public static IReadOnlyList<string> Authors(string json) =>
        JsonSerializer.Deserialize<List<string>>(json, s_json) ?? [];

    public static void Apply(LinkMetadataRow row, FetchedMetadata fetched, DateTimeOffset now)
    {
        var sources = Sources(row);
        var rank = MetadataSources.Rank(fetched.Source);

        void Set<T>(string field, T? value, Action<T?> assign)
        {
            if (value is null || (value is string s && s.Length == 0))
            {
                return;
            }

            if (sources.TryGetValue(field, out var held) && held.Source != fetched.Source && MetadataSources.Rank(held.Source) < rank)
            {
                return;
            }

            assign(value);
            sources[field] = new FieldSource(fetched.Source, now);
        }

        Set("title", fetched.Title, v => row.Title = v);
        Set("authors", fetched.Authors.Count > 0 ? JsonSerializer.Serialize(fetched.Authors, s_json) : null, v => row.Authors = v!);
        Set("year", fetched.Year, v => row.Year = v);
        Set("published", fetched.Published, v => row.Published = v);
        Set("venue", fetched.Venue, v => row.Venue = v);
        Set("abstract", fetched.Abstract, v => row.Abstract = v);
        Set("doi", fetched.Doi, v => row.Doi = v);
        Set("arxivId", fetched.ArxivId, v => row.ArxivId = v);
        Set("primaryClass", fetched.PrimaryClass, v => row.PrimaryClass = v);
        Set("pdfUrl", fetched.PdfUrl, v => row.PdfUrl = v);
        Set("kind", fetched.Kind, v => row.Kind = v);
        Set("contentType", fetched.ContentType, v => row.ContentType = v);
        Set("contentLength", fetched.ContentLength, v => row.ContentLength = v);
        Set("stars", fetched.Stars, v => row.Stars = v);
        Set("language", fetched.Language, v => row.Language = v);
        Set("archived", fetched.Archived, v => row.Archived = v);
        Set("license", fetched.License, v => row.License = v);
        Set("pushedAt", fetched.PushedAt, v => row.PushedAt = v);

        row.FieldSources = JsonSerializer.Serialize(sources, s_json);
        row.Source = sources.TryGetValue("title", out var title) ? title.Source : row.Source ?? fetched.Source;
        row.FetchedAt = now;
        row.CanonicalId = CanonicalId.FromUrl(row.Url)
            ?? (row.ArxivId is { } arxiv ? CanonicalId.Arxiv(arxiv) : row.Doi is { } doi ? CanonicalId.Doi(doi) : null);
    }
}
