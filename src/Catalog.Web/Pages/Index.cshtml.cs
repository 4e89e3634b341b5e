using System.Data.Common;
using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Web.Pages;

/// <summary>
/// The home page: the topic tree, the totals, the top hosts and kinds, the last re-import. Its queries are SQL, not LINQ,
/// because the home page is usually a server's first request: EF Core compiles a LINQ query on its first use, and those
/// compilations were most of the first response's time after a start (benchmarks README, cold start).
/// </summary>
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
        var connection = await db.OpenConnectionAsync(ct);
        await LoadTreeAsync(connection, ct);
        Total = (await connection.ListAsync("""
            SELECT (SELECT COUNT(*) FROM "Topics"), (SELECT COUNT(*) FROM "Links"), (SELECT COUNT(*) FROM "Quotes"),
                   (SELECT COUNT(*) FROM "Images"), (SELECT COUNT(DISTINCT "Host") FROM "Links")
            """, r => new Totals(Count(r, 0), Count(r, 1), Count(r, 2), Count(r, 3), Count(r, 4)), ct)).Single();
        TopHosts = await connection.ListAsync($"""
            SELECT "Host", COUNT(*) FROM "Links" GROUP BY "Host" ORDER BY COUNT(*) DESC, "Host" LIMIT {TopHostCount}
            """, ReadTally, ct);
        var kinds = await connection.ListAsync("""SELECT "Kind", COUNT(*) FROM "Links" GROUP BY "Kind" """, ReadTally, ct);
        Kinds = kinds.Where(k => k.Links > 0).OrderByDescending(k => k.Links).ThenBy(k => k.Name, StringComparer.Ordinal).ToList();
        LastReimport = await LoadLastReimportAsync(connection, ct);
    }

    private static Tally ReadTally(DbDataReader row) => new(row.GetString(0), Count(row, 1));

    // COUNT is a bigint on PostgreSQL.
    private static int Count(DbDataReader row, int ordinal) => (int)row.GetInt64(ordinal);

    private async Task LoadTreeAsync(DbConnection connection, CancellationToken ct)
    {
        var topics = await connection.ListAsync($"""
            SELECT t."Id", t."ParentId", t."Slug", t."Title",
                   (SELECT COUNT(*) FROM "Mentions" m WHERE m."TopicId" = t."Id" AND m."Place" <> '{nameof(LinkPlace.Quote)}')
            FROM "Topics" t ORDER BY t."SourceId", t."Position"
            """,
            r => (Id: r.GetInt32(0), ParentId: r.IsDBNull(1) ? (int?)null : r.GetInt32(1), Node: new TreeNode(r.GetString(2), r.GetString(3), Count(r, 4), [])),
            ct);
        var nodes = topics.ToDictionary(t => t.Id, t => t.Node);
        foreach (var topic in topics)
        {
            (topic.ParentId is { } parent ? nodes[parent].Children : Roots).Add(topic.Node);
        }
    }

    private static async Task<Reimport?> LoadLastReimportAsync(DbConnection connection, CancellationToken ct)
    {
        const string succeeded = nameof(ImportStatus.Succeeded);
        var runs = await connection.ListAsync($"""
            SELECT r."SourceName", r."FinishedAt", r."ReportJson",
                   EXISTS (SELECT 1 FROM "ImportRuns" o
                           WHERE o."SourceName" = r."SourceName" AND o."Status" = '{succeeded}' AND o."Id" < r."Id")
            FROM "ImportRuns" r WHERE r."Status" = '{succeeded}' ORDER BY r."Id" DESC LIMIT 1
            """,
            r => (Source: r.GetString(0), FinishedAt: r.GetFieldValue<DateTimeOffset>(1), ReportJson: r.GetString(2), Earlier: r.GetBoolean(3)), ct);
        if (runs is not [{ Earlier: true } run])
        {
            return null;
        }

        using var report = JsonDocument.Parse(run.ReportJson);
        return report.RootElement.TryGetProperty("diff", out var diff) && diff.Deserialize<ImportDiff>() is { } parsed
            ? new Reimport(run.Source, run.FinishedAt, parsed)
            : null;
    }
}
