using Catalog.Web.Data;
using Catalog.Web.Pages.Shared;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Web.Pages.Hosts;

/// <summary>/hosts/{host}: every link on one host, grouped by the topics that list it.</summary>
[CatalogPage]
public sealed class HostModel(CatalogDbContext db) : PageModel
{
    public string Host { get; private set; } = "";

    public List<TopicGroup> Groups { get; private set; } = [];

    public int LinkCount => Groups.SelectMany(g => g.Links).Select(l => l.Id).Distinct().Count();

    public async Task<IActionResult> OnGetAsync(string host, CancellationToken ct)
    {
        Host = host.ToLowerInvariant();
        Groups = await TopicGroups.LoadAsync(db.Mentions.Where(m => m.Link.Host == Host), ct);
        return Groups.Count == 0 ? NotFound() : Page();
    }
}
