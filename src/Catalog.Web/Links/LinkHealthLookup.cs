using Catalog.Web.Data;

namespace Catalog.Web.Links;

/// <summary>Health for a page of links in one query, keyed by URL, for answers built from something other than EF.</summary>
public static class LinkHealthLookup
{
    /// <remarks>
    /// Plain SQL on the context's connection: the search API asks this for every page it answers, and EF Core's query
    /// pipeline (the LINQ tree's cache key, the list parameter's expansion) cost more than the query itself.
    /// </remarks>
    public static async Task<IReadOnlyDictionary<string, LinkHealthView>> ForUrlsAsync(
        this CatalogDbContext db, IReadOnlyCollection<string> urls, CancellationToken ct)
    {
        if (urls.Count == 0)
        {
            return new Dictionary<string, LinkHealthView>();
        }

        return await db.RowsByUrlAsync("LinkHealth",
            """ "Status", "CheckedAt", "HttpStatus", "FinalUrl", "DeadSince", "ArchiveUrl", "ArchivedAt" """, urls,
            r => new LinkHealthView(r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.NullableValue<int>(3), r.NullableString(4),
                r.NullableValue<DateTimeOffset>(5), r.NullableString(6), r.NullableValue<DateTimeOffset>(7)), ct);
    }

    public static LinkHealthView HealthOf(this IReadOnlyDictionary<string, LinkHealthView> health, string url) =>
        health.GetValueOrDefault(url) ?? LinkHealthView.Unchecked;
}
