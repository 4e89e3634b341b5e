using Catalog.Web.Data;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages.Hosts;

/// <summary>/hosts: every host with its number of links, most-linked first.</summary>
[CatalogPage]
[CacheQuery]
public sealed class IndexModel(CatalogDbContext db) : PageModel
{
    public sealed record HostCount(string Host, int Links);

    public List<HostCount> Hosts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Hosts = await db.Links.GroupBy(l => l.Host).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => new HostCount(g.Key, g.Count())).ToListAsync(ct);
}
