using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Links;

/// <summary>Health for a page of links in one query, keyed by URL, for answers built from something other than EF.</summary>
public static class LinkHealthLookup
{
    public static async Task<IReadOnlyDictionary<string, LinkHealthView>> ForUrlsAsync(
        this CatalogDbContext db, IReadOnlyCollection<string> urls, CancellationToken ct)
    {
        if (urls.Count == 0)
        {
            return new Dictionary<string, LinkHealthView>();
        }

        var distinct = urls.Distinct().ToList();
        var rows = await db.LinkHealth.AsNoTracking().Where(h => distinct.Contains(h.Url)).ToListAsync(ct);
        return rows.ToDictionary(r => r.Url, LinkHealthView.Of);
    }

    public static LinkHealthView HealthOf(this IReadOnlyDictionary<string, LinkHealthView> health, string url) =>
        health.GetValueOrDefault(url) ?? LinkHealthView.Unchecked;
}
