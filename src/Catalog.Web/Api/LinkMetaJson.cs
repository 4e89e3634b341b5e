using System.Text.Json;
using System.Text.Json.Serialization;
using Catalog.Web.Data;
using Catalog.Web.Links.Metadata;
using Catalog.Web.Search;

namespace Catalog.Web.Api;

/// <summary>
/// A link object's "meta" in the API: what was fetched about it, null until something was.
/// <c>canonicalId</c> is "arXiv:1806.07572" or "doi:10.1234/..." (lower-case, no version).
/// </summary>
public sealed record LinkMetaItem(
    string? Title,
    IReadOnlyList<string> Authors,
    int? Year,
    string? Venue,
    string? Abstract,
    string? Source,
    DateTimeOffset? FetchedAt,
    string? CanonicalId)
{
    /// <summary>
    /// The items with their metadata attached, read in one query of the columns this object shows: plain SQL on the
    /// context's connection, as every search answer asks it (EF Core's query pipeline cost more than the query).
    /// </summary>
    public static async Task<List<T>> AttachAsync<T>(IReadOnlyList<T> items, Func<T, string> url, Func<T, LinkMetaItem?, T> attach, CatalogDbContext db, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var connection = await db.OpenConnectionAsync(ct);
        var sql = ISearchDialect.Of(connection);
        var rows = await connection.ListAsync($"""
            SELECT "Url", "Title", "Authors", "Year", "Venue", "Abstract", "Source", "FetchedAt", "CanonicalId"
            FROM "LinkMetadata" WHERE "FetchedAt" IS NOT NULL AND {sql.InTexts("\"Url\"", "@urls")}
            """,
            r => (Url: r.GetString(0), Item: new LinkMetaItem(
                r.IsDBNull(1) ? null : r.GetString(1), MetadataRecord.Authors(r.GetString(2)), r.IsDBNull(3) ? null : r.GetInt32(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
                r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetString(8))),
            ct, ("@urls", JsonSerializer.Serialize(items.Select(url).Distinct(StringComparer.Ordinal))));
        var metas = rows.ToDictionary(r => r.Url, r => r.Item, StringComparer.Ordinal);
        return items.Select(item => attach(item, metas.GetValueOrDefault(url(item)))).ToList();
    }
}

public static partial class TopicsApi
{
    public sealed partial record LinkItem
    {
        [JsonPropertyOrder(1)] // after the positional fields, which come first by default
        public LinkMetaItem? Meta { get; init; }
    }
}

public static partial class SearchApi
{
    public sealed partial record ResultItem
    {
        [JsonPropertyOrder(1)] // after the positional fields, which come first by default
        public LinkMetaItem? Meta { get; init; }

        /// <summary>The other URLs of the same work (one arXiv id or DOI): search lists a work once.</summary>
        [JsonPropertyOrder(1)]
        public IReadOnlyList<string> AlsoAt { get; init; } = [];
    }
}
