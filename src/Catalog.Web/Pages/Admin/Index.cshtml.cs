using Catalog.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Pages.Admin;

public sealed class IndexModel(CatalogDbContext db, IOptions<CatalogOptions> options) : PageModel
{
    public sealed record SourceRow(string Name, string Sha256, DateTimeOffset ImportedAt, int Topics, int Links);

    public List<SourceRow> Sources { get; private set; } = [];

    public long Version { get; private set; }

    public int Runs { get; private set; }

    public CatalogOptions Settings => options.Value;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sources = await db.Sources.OrderBy(s => s.Name)
            .Select(s => new SourceRow(s.Name, s.Sha256, s.ImportedAt, s.Topics.Count, s.Topics.Sum(t => t.Mentions.Count)))
            .ToListAsync(ct);
        Version = await db.CatalogState.Where(s => s.Id == 1).Select(s => s.Version).FirstOrDefaultAsync(ct);
        Runs = await db.ImportRuns.CountAsync(ct);
    }
}
