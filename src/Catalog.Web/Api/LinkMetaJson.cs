using System.Text.Json.Serialization;
using Catalog.Web.Data;
using Catalog.Web.Links.Metadata;

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
    /// <summary>The items with their metadata attached, read in one query (<see cref="ForUrlsAsync"/>).</summary>
    public static async Task<List<T>> AttachAsync<T>(IReadOnlyList<T> items, Func<T, string> url, Func<T, LinkMetaItem?, T> attach, CatalogDbContext db, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var metas = await ForUrlsAsync(items.Select(url), db, ct);
        return items.Select(item => attach(item, metas.GetValueOrDefault(url(item)))).ToList();
    }

    /// <summary>
    /// The metadata fetched for these URLs, keyed by URL, in one query of the columns this object shows: plain SQL on
    /// the context's connection, as every search answer asks it (EF Core's query pipeline cost more than the query).
    /// </summary>
    public static Task<Dictionary<string, LinkMetaItem>> ForUrlsAsync(IEnumerable<string> urls, CatalogDbContext db, CancellationToken ct) =>
        db.RowsByUrlAsync("LinkMetadata",
            """ "Title", "Authors", "Year", "Venue", "Abstract", "Source", "FetchedAt", "CanonicalId" """, urls,
            r => new LinkMetaItem(r.NullableString(1), MetadataRecord.Authors(r.GetString(2)), r.NullableValue<int>(3), r.NullableString(4),
                r.NullableString(5), r.NullableString(6), r.GetFieldValue<DateTimeOffset>(7), r.NullableString(8)),
            ct, condition: "\"FetchedAt\" IS NOT NULL");
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
