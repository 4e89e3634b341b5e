using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Export;

/// <summary>
/// Which links each applied import added, read back from the run records (<see cref="ImportRun.DiffJson"/>): the diff
/// already names every added URL, so the history needs no column of its own. A source's first import adds all of its
/// links in one batch.
/// </summary>
public sealed class LinkHistory(IReadOnlyList<LinkHistory.Addition> additions)
{
    /// <param name="ImportedAt">When the import that added it finished.</param>
    public sealed record Addition(string Url, DateTimeOffset ImportedAt, int RunId, string SourceName);

    /// <summary>Newest import first; within an import, in the order its diff lists them.</summary>
    public IReadOnlyList<Addition> Additions { get; } = additions;

    public static async Task<LinkHistory> ReadAsync(CatalogDbContext db, CancellationToken ct)
    {
        // By id: SQLite cannot order by a DateTimeOffset, and runs are numbered in the order they were applied.
        var runs = await db.ImportRuns.AsNoTracking()
            .Where(r => r.Status == ImportStatus.Succeeded)
            .OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.FinishedAt, r.SourceName, r.DiffJson })
            .ToListAsync(ct);
        var additions = new List<Addition>();
        foreach (var run in runs)
        {
            var changes = JsonSerializer.Deserialize<List<ImportChange>>(run.DiffJson) ?? [];
            additions.AddRange(changes.Where(c => c.Kind == ChangeKind.LinkAdded)
                .Select(c => UrlOf(c.Detail))
                .Select(url => new Addition(url, run.FinishedAt, run.Id, run.SourceName)));
        }

        return new LinkHistory(additions);
    }

    /// <summary>The earliest import that added each URL.</summary>
    public Dictionary<string, DateTimeOffset> FirstSeen()
    {
        var first = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var addition in Additions)
        {
            // Newest first: a later (older) addition of the same URL overwrites.
            first[addition.Url] = addition.ImportedAt;
        }

        return first;
    }

    // The diff names an added link "label <url>", or just "url" when the label is the URL (DiffBuilder.Named). URLs
    // are normalised and hold no spaces, so the last " <" starts the URL.
    internal static string UrlOf(string detail)
    {
        var start = detail.LastIndexOf(" <", StringComparison.Ordinal);
        return start >= 0 && detail.EndsWith('>') ? detail[(start + 2)..^1] : detail;
    }
}
