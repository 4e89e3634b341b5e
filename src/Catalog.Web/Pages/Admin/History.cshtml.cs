using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages.Admin;

public sealed class HistoryModel(CatalogDbContext db) : PageModel
{
    public const int Shown = 200;

    /// <param name="Current">The latest run of its source: restoring it would change nothing.</param>
    public sealed record RunRow(int Id, DateTimeOffset When, string? User, string File, string Sha256, ImportReport? Report, bool Current);

    public List<RunRow> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var latest = (await db.ImportRuns.GroupBy(r => r.SourceName).Select(g => g.Max(r => r.Id)).ToListAsync(ct)).ToHashSet();
        var runs = await db.ImportRuns.OrderByDescending(r => r.Id).Take(Shown)
            .Select(r => new { r.Id, r.StartedAt, r.User, r.SourceName, r.Sha256, r.ReportJson })
            .ToListAsync(ct);
        Runs = runs.Select(r => new RunRow(r.Id, r.StartedAt, r.User, r.SourceName, r.Sha256, DiffView.ReadReport(r.ReportJson), latest.Contains(r.Id)))
            .ToList();
    }
}
