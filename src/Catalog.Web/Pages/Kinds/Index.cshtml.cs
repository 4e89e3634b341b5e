using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages.Kinds;

/// <summary>/kinds: every kind of link, in <see cref="LinkKinds.All"/> order, with its number of links.</summary>
[CatalogPage]
[CacheQuery]
public sealed class IndexModel(CatalogDbContext db) : PageModel
{
    public sealed record KindCount(string Kind, int Links);

    public List<KindCount> Kinds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var counts = await db.Links.GroupBy(l => l.Kind).Select(g => new { g.Key, Links = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Links, ct);
        Kinds = LinkKinds.All.Select(k => new KindCount(k, counts.GetValueOrDefault(k))).ToList();
    }
}
