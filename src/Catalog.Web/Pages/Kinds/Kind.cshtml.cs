using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Pages.Shared;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Web.Pages.Kinds;

/// <summary>/kinds/{kind}: every link of one kind (<see cref="LinkKinds"/>), grouped by topic.</summary>
[CatalogPage]
public sealed class KindModel(CatalogDbContext db) : PageModel
{
    public string Kind { get; private set; } = "";

    public List<TopicGroup> Groups { get; private set; } = [];

    public int LinkCount => Groups.SelectMany(g => g.Links).Select(l => l.Id).Distinct().Count();

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken ct)
    {
        if (!LinkKinds.All.Contains(kind))
        {
            return NotFound();
        }

        Kind = kind;
        Groups = await TopicGroups.LoadAsync(db.Mentions.Where(m => m.Link.Kind == kind), ct);
        return Page();
    }
}
