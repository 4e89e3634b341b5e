using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Pages.Shared;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Web.Pages.Kinds;

/// <summary>/kinds/{kind}: every link of one kind (<see cref="LinkKinds"/>), grouped by topic, <see cref="Paging.Size"/> a page.</summary>
[CatalogPage]
[CacheQuery(Paging.Parameter)]
public sealed class KindModel(CatalogDbContext db) : PageModel, ICatalogItemPage
{
    public string Kind { get; private set; } = "";

    public List<TopicGroup> Groups { get; private set; } = [];

    public TopicGroups.Totals Totals { get; private set; } = new(0, 0, 0);

    public Paging Paging { get; private set; } = null!;

    public Task<bool> ExistsAsync(CancellationToken ct) => Task.FromResult(LinkKinds.All.Contains(RouteData.Values["kind"] as string));

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken ct)
    {
        if (!LinkKinds.All.Contains(kind))
        {
            // Kinds are lower case: another casing of a real one is sent to its one URL, never answered (or cached) 404.
            var lower = kind.ToLowerInvariant();
            return LinkKinds.All.Contains(lower) ? RedirectPermanent(Hrefs.Kind(lower)) : NotFound();
        }

        var mentions = db.Mentions.Where(m => m.Link.Kind == kind);
        Totals = await TopicGroups.CountAsync(mentions, ct);
        if (Paging.Requested(Request.Query) is not { } page
            || new Paging(page, Totals.Mentions, Hrefs.Kind(kind)) is not { Exists: true } paging)
        {
            return NotFound();
        }

        Kind = kind;
        Paging = paging;
        Groups = await TopicGroups.LoadAsync(mentions, paging, ct);
        return Page();
    }
}
