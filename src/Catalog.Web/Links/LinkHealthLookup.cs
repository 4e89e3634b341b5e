using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Search;

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

        var connection = await db.OpenConnectionAsync(ct);
        var sql = ISearchDialect.Of(connection);
        var rows = await connection.ListAsync($"""
            SELECT "Url", "Status", "CheckedAt", "HttpStatus", "FinalUrl", "DeadSince", "ArchiveUrl", "ArchivedAt"
            FROM "LinkHealth" WHERE {sql.InTexts("\"Url\"", "@urls")}
            """,
            r => (Url: r.GetString(0), Health: new LinkHealthView(
                r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.IsDBNull(3) ? null : r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7))),
            ct, ("@urls", JsonSerializer.Serialize(urls.Distinct(StringComparer.Ordinal))));
        return rows.ToDictionary(r => r.Url, r => r.Health, StringComparer.Ordinal);
    }

    public static LinkHealthView HealthOf(this IReadOnlyDictionary<string, LinkHealthView> health, string url) =>
        health.GetValueOrDefault(url) ?? LinkHealthView.Unchecked;
}
