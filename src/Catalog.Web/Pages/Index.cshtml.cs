using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages;

[CatalogPage]
[CacheQuery]
public sealed class IndexModel(CatalogDbContext db) : PageModel
{
    public const int TopHostCount = 10;

    public sealed record TreeNode(string Slug, string Title, int Links, List<TreeNode> Children);

    public sealed record Totals(int Topics, int Links, int Quotes, int Images, int Hosts);

    public sealed record Tally(string Name, int Links);

    /// <summary>The summary of the latest import of a source that had been imported before.</summary>
    public sealed record Reimport(string Source, DateTimeOffset At, ImportDiff Diff);

    public List<TreeNode> Roots { get; } = [];

    public Totals Total { get; private set; } = new(0, 0, 0, 0, 0);

    public List<Tally> TopHosts { get; private set; } = [];

    public List<Tally> Kinds { get; private set; } = [];

    public Reimport? LastReimport { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadTreeAsync(ct);
        Total = (await db.Database.SqlQuery<Totals>($"""
            SELECT (SELECT CAST(COUNT(*) AS INTEGER) FROM "Topics") AS "Topics", (SELECT CAST(COUNT(*) AS INTEGER) FROM "Links") AS "Links",
                   (SELECT CAST(COUNT(*) AS INTEGER) FROM "Quotes") AS "Quotes", (SELECT CAST(COUNT(*) AS INTEGER) FROM "Images") AS "Images",
                   (SELECT CAST(COUNT(DISTINCT "Host") AS INTEGER) FROM "Links") AS "Hosts"
            """).ToListAsync(ct)).Single();
        TopHosts = await db.Links.GroupBy(l => l.Host).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(TopHostCount)
            .Select(g => new Tally(g.Key, g.Count())).ToListAsync(ct);
        var kinds = await db.Links.GroupBy(l => l.Kind).Select(g => new Tally(g.Key, g.Count())).ToListAsync(ct);
        Kinds = kinds.Where(k => k.Links > 0).OrderByDescending(k => k.Links).ThenBy(k => k.Name, StringComparer.Ordinal).ToList();
        LastReimport = await LoadLastReimportAsync(ct);
    }

    private async Task LoadTreeAsync(CancellationToken ct)
    {
        var topics = await db.Topics.OrderBy(t => t.SourceId).ThenBy(t => t.Position)
            .Select(t => new { t.Id, t.ParentId, t.Slug, t.Title, Links = t.Mentions.Count(m => m.Place != LinkPlace.Quote) })
            .ToListAsync(ct);
        var nodes = topics.ToDictionary(t => t.Id, t => new TreeNode(t.Slug, t.Title, t.Links, []));
        foreach (var topic in topics)
        {
            (topic.ParentId is { } parent ? nodes[parent].Children : Roots).Add(nodes[topic.Id]);
        }
    }

    private async Task<Reimport?> LoadLastReimportAsync(CancellationToken ct)
    {
        var run = await db.ImportRuns.Where(r => r.Status == ImportStatus.Succeeded).OrderByDescending(r => r.Id)
            .Select(r => new
            {
                r.SourceName,
                r.FinishedAt,
                r.ReportJson,
                Earlier = db.ImportRuns.Any(o => o.SourceName == r.SourceName && o.Status == ImportStatus.Succeeded && o.Id < r.Id),
            })
            .FirstOrDefaultAsync(ct);
        if (run is not { Earlier: true })
        {
            return null;
        }

        using var report = JsonDocument.Parse(run.ReportJson);
        return report.RootElement.TryGetProperty("diff", out var diff) && diff.Deserialize<ImportDiff>() is { } parsed
            ? new Reimport(run.SourceName, run.FinishedAt, parsed)
            : null;
    }
}
