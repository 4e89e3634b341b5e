using Catalog.Web.Data;
using Catalog.Web.Pages.Shared;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages.Hosts;

/// <summary>/hosts/{host}: every link on one host, grouped by the topics that list it, <see cref="Paging.Size"/> a page.</summary>
[CatalogPage]
[CacheQuery(Paging.Parameter)]
public sealed class HostModel(CatalogDbContext db) : PageModel, ICatalogItemPage
{
    public string Host { get; private set; } = "";

    public List<TopicGroup> Groups { get; private set; } = [];

    public TopicGroups.Totals Totals { get; private set; } = new(0, 0, 0);

    public Paging Paging { get; private set; } = null!;

    public Task<bool> ExistsAsync(CancellationToken ct)
    {
        var host = RouteData.Values["host"] as string;
        return db.Links.AnyAsync(l => l.Host == host, ct);
    }

    public async Task<IActionResult> OnGetAsync(string host, CancellationToken ct)
    {
        // Hosts are stored in lower case: another casing is sent to the one URL of the page (and never cached apart).
        var lower = host.ToLowerInvariant();
        if (lower != host)
        {
            return RedirectPermanent(Hrefs.Host(lower));
        }

        var mentions = db.Mentions.Where(m => m.Link.Host == host);
        Totals = await TopicGroups.CountAsync(mentions, ct);
        if (Totals.Mentions == 0 || Paging.Requested(Request.Query) is not { } page
            || new Paging(page, Totals.Mentions, Hrefs.Host(host)) is not { Exists: true } paging)
        {
            return NotFound();
        }

        Host = host;
        Paging = paging;
        Groups = await TopicGroups.LoadAsync(mentions, paging, ct);
        return Page();
    }
}
