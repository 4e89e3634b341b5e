using System.Text;
using Catalog.Web.Admin;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Links;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Pages.Admin;

/// <summary>
/// The curator's link report: start a check and watch it, then see dead and moved links by topic with their seed line,
/// and a suggested seed per file (dead → archived copy, moved → new URL), shown as a diff, downloadable, and applied
/// through the import's own dry run and Apply.
/// </summary>
public sealed class LinksModel(CatalogDbContext db, LinkCheckRunner runner, CatalogImporter importer, PendingImports pending, TimeProvider clock) : PageModel
{
    public sealed record ReportRow(string Label, string Url, string Status, DateTimeOffset? DeadSince, string? Replacement, string Source, int? Line);

    public sealed record TopicGroup(string Slug, string Title, IReadOnlyList<ReportRow> Rows);

    public sealed record Suggestion(string Source, IReadOnlyList<SeedLineChange> Changes);

    public LinkCheckProgress Progress { get; private set; } = null!;

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public IReadOnlyList<Suggestion> Suggestions { get; private set; } = [];

    public ImportReport? Preview { get; private set; }

    public string? Token { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostStartAsync(bool onlyDue, CancellationToken ct)
    {
        if (await runner.TryStartAsync(new LinkCheckRequest(OnlyDue: onlyDue), $"admin {User.Identity?.Name}", ct))
        {
            return RedirectToPage();
        }

        await LoadAsync(ct);
        Error = "A link check is already under way; its progress is below.";
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    public async Task<IActionResult> OnGetSuggestedAsync(string source, CancellationToken ct)
    {
        var (seeds, fixes) = await SeedsAndFixesAsync(ct);
        if (!seeds.TryGetValue(source, out var seed))
        {
            return NotFound();
        }

        var (text, _) = SuggestedSeed.Apply(seed, fixes);
        return File(Encoding.UTF8.GetBytes(text), "text/markdown; charset=utf-8", source);
    }

    // The suggestion goes through the import's own dry run and is kept as a pending import: the Apply button posts
    // to the import page, which applies exactly the previewed bytes.
    public async Task<IActionResult> OnPostPreviewAsync(string source, CancellationToken ct)
    {
        await LoadAsync(ct);
        var (seeds, fixes) = await SeedsAndFixesAsync(ct);
        if (!seeds.TryGetValue(source, out var seed))
        {
            return NotFound();
        }

        var file = new SeedFile(source, Encoding.UTF8.GetBytes(SuggestedSeed.Apply(seed, fixes).Text));
        try
        {
            var report = await importer.ImportAsync(new ImportRequest(file, DryRun: true), ct);
            Token = await pending.SaveAsync(file, User.Identity?.Name, ct);
            Preview = report;
        }
        catch (Exception e) when (e is SeedFileException or ImportBusyException)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Progress = await db.ReadProgressAsync(clock.GetUtcNow(), ct);
        var (seeds, fixes) = await SeedsAndFixesAsync(ct);
        var replacement = fixes.ToDictionary(f => f.Url, f => f.Replacement);
        var rows = await ReportQuery().ToListAsync(ct);
        Topics = rows
            .GroupBy(r => (r.SourceId, r.TopicPosition, r.Slug, r.Title))
            .OrderBy(g => g.Key.SourceId).ThenBy(g => g.Key.TopicPosition)
            .Select(g => new TopicGroup(g.Key.Slug, g.Key.Title, [.. g.OrderBy(r => r.Position).Select(r => new ReportRow(
                r.Label, r.Url, r.DeadSince is null ? "moved" : "dead", r.DeadSince, replacement.GetValueOrDefault(r.Url), r.Source,
                seeds.TryGetValue(r.Source, out var seed) ? SuggestedSeed.LineOf(seed, r.Url) : null))]))
            .ToList();
        Suggestions = seeds.Select(s => new Suggestion(s.Key, SuggestedSeed.Apply(s.Value, fixes).Changes))
            .Where(s => s.Changes.Count > 0).ToList();
    }

    private IQueryable<Reported> ReportQuery() =>
        from m in db.Mentions
        join h in db.LinkHealth on m.Link.Url equals h.Url
        where h.DeadSince != null || (h.Status == "redirected" && h.FinalUrl != null && h.FinalUrl != h.Url)
        select new Reported(m.Topic.SourceId, m.Topic.Position, m.Position, m.Topic.Slug, m.Topic.Title, m.Topic.Source.Name,
            m.Label, m.Link.Url, h.DeadSince);

    private sealed record Reported(int SourceId, int TopicPosition, int Position, string Slug, string Title, string Source, string Label, string Url, DateTimeOffset? DeadSince);

    /// <summary>Each source's text as last imported, and the URL changes the report suggests.</summary>
    private async Task<(Dictionary<string, string> Seeds, List<SeedFix> Fixes)> SeedsAndFixesAsync(CancellationToken ct)
    {
        var seeds = await db.Sources.Join(db.SeedBlobs, s => s.Sha256, b => b.Sha256, (s, b) => new { s.Name, b.Content }).ToListAsync(ct);
        var fixes = await db.LinkHealth
            .Where(h => (h.DeadSince != null && h.ArchiveUrl != null) || (h.DeadSince == null && h.Status == "redirected" && h.FinalUrl != null && h.FinalUrl != h.Url))
            .Select(h => new SeedFix(h.Url, h.DeadSince != null ? h.ArchiveUrl! : h.FinalUrl!))
            .ToListAsync(ct);
        return (seeds.ToDictionary(s => s.Name, s => Encoding.UTF8.GetString(s.Content)), fixes);
    }
}
