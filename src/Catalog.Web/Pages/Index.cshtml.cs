using Catalog.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages;

public sealed class IndexModel(CatalogDbContext db) : PageModel
{
    public sealed record TreeNode(string Slug, string Title, int Links, List<TreeNode> Children);

    public List<TreeNode> Roots { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var topics = await db.Topics.OrderBy(t => t.SourceId).ThenBy(t => t.Position)
            .Select(t => new { t.Id, t.ParentId, t.Slug, t.Title, Links = t.Mentions.Count })
            .ToListAsync(ct);
        var nodes = topics.ToDictionary(t => t.Id, t => new TreeNode(t.Slug, t.Title, t.Links, []));
        foreach (var topic in topics)
        {
            (topic.ParentId is { } parent ? nodes[parent].Children : Roots).Add(nodes[topic.Id]);
        }
    }
}
