using Catalog.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages.Admin;

/// <summary>One applied import: who, when, which file, and every change it made.</summary>
public sealed class RunModel(CatalogDbContext db) : PageModel
{
    public ImportRun Run { get; private set; } = null!;

    public DiffView? Diff { get; private set; }

    public bool Kept { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool Applied { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var run = await db.ImportRuns.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return NotFound();
        }

        Run = run;
        Diff = DiffView.ReadReport(run.ReportJson) is { } report ? new DiffView(report, DiffView.ReadChanges(run.DiffJson)) : null;
        Kept = await db.SeedBlobs.AnyAsync(b => b.Sha256 == run.Sha256, ct);
        return Page();
    }
}
