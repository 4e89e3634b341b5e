using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Import;

/// <param name="ExpectedCatalogVersion">
/// Apply only if the catalog is still at this <c>CatalogState.Version</c>, the one a preview was computed against;
/// otherwise <see cref="CatalogChangedException"/>.
/// </param>
public sealed record ImportRequest(
    SeedFile File,
    bool DryRun = false,
    string? User = null,
    bool ConfirmLargeRemoval = false,
    long? ExpectedCatalogVersion = null)
{
    /// <summary>The file's parse, when the caller started it early (<see cref="CatalogImporter.ParseAsync"/>).</summary>
    public Task<ParsedCatalog>? Parsing { get; init; }
}

/// <summary>Thrown when an import would remove more than half of the catalog's links and was not confirmed.</summary>
public sealed class ImportNeedsConfirmationException(ImportReport report)
    : Exception($"{report.Source}: this import would remove {report.Diff.LinksRemoved:N0} of the catalog's {report.CatalogLinks:N0} links; confirm to apply it.")
{
    public ImportReport Report { get; } = report;
}

/// <summary>Thrown when the catalog changed (another import ran) after the preview an apply was based on.</summary>
public sealed class CatalogChangedException(ImportReport report)
    : Exception($"{report.Source}: the catalog changed since the preview (another import was applied); review the new changes.")
{
    /// <summary>A fresh dry run against the catalog as it is now.</summary>
    public ImportReport Report { get; } = report;
}

/// <summary>
/// The one import service (CLI, first run, watch mode and the admin pages all call it): validate, parse, diff against
/// the catalog, then apply everything in one transaction, or roll back for a dry run. A failure, or a killed process,
/// leaves the previous catalog as it was.
/// </summary>
public sealed class CatalogImporter(
    CatalogDbContext db,
    IOptions<CatalogOptions> options,
    TimeProvider clock,
    IEnumerable<ICatalogChangeListener> listeners,
    ILogger<CatalogImporter> logger)
{
    public static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = false };

    public async Task<ImportReport> ImportAsync(ImportRequest request, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var file = request.File;

        // The parse, the longest step, runs on its own thread while this one reads the catalog it will be compared with.
        var parsing = request.Parsing ?? ParseAsync(file);

        // So does classifying the file's URLs, as soon as the parse ends (an apply needs it for the new links).
        var classifying = request.DryRun ? null : parsing.ContinueWith(
            parse => CatalogWriter.Classify(parse.Result.Topics), ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

        // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE: the diff is computed against the catalog this transaction
        // will replace, and no other import can slip in between.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            return await ImportAsync(request, parsing, classifying, transaction, started, ct);
        }
        catch
        {
            // The transaction rolls back; entities saved in it must not linger in the context either.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>Starts parsing a file on a thread of its own; pass the task in <see cref="ImportRequest.Parsing"/>.</summary>
    public async Task<ParsedCatalog> ParseAsync(SeedFile file)
    {
        var parsed = await SeedParser.ParseAsync(() => file.Decode(options.Value.MaxSeedBytes), file.Name);
        return parsed is { Headings: 0, LinkCount: 0 }
            ? throw new SeedFileException($"{file.Name}: the file has no headings and no links: there is nothing to import.")
            : parsed;
    }

    private async Task<ImportReport> ImportAsync(
        ImportRequest request, Task<ParsedCatalog> parsing, Task<List<ClassifiedLink>>? classifying, IDbContextTransaction transaction, DateTimeOffset started, CancellationToken ct)
    {
        var file = request.File;
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        var source = await FindSourceAsync(file.Name, ct);
        var catalog = new CatalogBefore(
            Unchanged: source?.Sha256 == file.Sha256,
            Topics: source is null ? [] : await LoadTopicsAsync(source.Id, ct),
            OtherSlugs: await SlugsOfOtherSourcesAsync(source?.Id, ct),
            // With their ids: the writer keeps them for the links the file still lists.
            LinkIds: await RowIds.ReadAsync(connection, dbTransaction, "SELECT Url, Id FROM Links", ct),
            UrlsElsewhere: (await db.Mentions.Where(m => m.Topic.SourceId != (source == null ? -1 : source.Id))
                .Select(m => m.Link.Url).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            Version: await db.CatalogState.Where(s => s.Id == 1).Select(s => s.Version).FirstOrDefaultAsync(ct),
            SearchDocuments: request.DryRun ? null : await SearchDocuments.ReadAsync(connection, dbTransaction, source?.Id, ct));
        var parsed = await parsing;
        var topics = AvoidSlugsOfOtherSources(parsed.Topics, catalog.OtherSlugs);
        var after = topics.Select(TopicState.From).ToList();

        // The diff is a report: the writes do not need it, so it is made (and serialized) on another core while this
        // thread writes. An apply that turns out to need confirming rolls the writes back.
        var comparing = Task.Run(() => Compare(request, parsed, catalog, after), ct);
        var stale = !request.DryRun && request.ExpectedCatalogVersion is { } expected && expected != catalog.Version;
        if (request.DryRun || stale)
        {
            var dryRun = (await comparing).Report with { DryRun = true };
            return stale ? throw new CatalogChangedException(dryRun) : dryRun;
        }

        // The search documents, too, are prepared on another core while the catalog is written.
        var indexing = Task.Run(
            () =>
            {
                catalog.SearchDocuments!.Add(topics);
                return catalog.SearchDocuments.Prepare();
            },
            ct);
        source = await SaveSourceAsync(source, file, started, ct);
        var linkIds = await new CatalogWriter(connection, dbTransaction).ReplaceSourceAsync(source!.Id, topics, catalog.LinkIds, classifying!, ct);
        await SearchIndex.WriteAsync(connection, dbTransaction, await indexing, linkIds, ct);
        var comparison = await comparing;
        var report = comparison.Report;
        if (report.RemovesMostLinks && !request.ConfirmLargeRemoval)
        {
            throw new ImportNeedsConfirmationException(report);
        }

        await RecordRedirectsAsync(catalog.Topics, after.Select(t => t.Slug).Union(catalog.OtherSlugs), comparison.Matches, started, ct);
        var runId = await RecordRunAsync(request, comparison, started, ct);
        await transaction.CommitAsync(ct);
        foreach (var listener in listeners)
        {
            await listener.CatalogChangedAsync(ct);
        }

        logger.LogInformation(
            "Imported {Source} ({Sha256}): {Topics} topics, {Links} links, {DistinctUrls} distinct URLs, {Quotes} quotes, {Images} images, {Warnings} warnings in {ElapsedMs:F0} ms",
            file.Name, file.Sha256[..12], report.Topics, report.Links, report.DistinctUrls, report.Quotes, report.Images,
            report.Warnings.Count, (clock.GetUtcNow() - started).TotalMilliseconds);
        return report with { RunId = runId };
    }

    /// <summary>What the diff compares the file with: the catalog as this import's transaction found it.</summary>
    /// <param name="SearchDocuments">The other sources' search documents (not read for a dry run).</param>
    private sealed record CatalogBefore(
        bool Unchanged,
        List<TopicState> Topics,
        HashSet<string> OtherSlugs,
        Dictionary<string, long> LinkIds,
        HashSet<string> UrlsElsewhere,
        long Version,
        SearchDocuments? SearchDocuments);

    /// <summary>The diff and its report; for an apply also their JSON for the run record, which runs to megabytes.</summary>
    private sealed record Comparison(Dictionary<string, string> Matches, ImportReport Report, string ReportJson, string DiffJson);

    private static Comparison Compare(ImportRequest request, ParsedCatalog parsed, CatalogBefore catalog, List<TopicState> after)
    {
        var matches = TopicMatcher.Match(catalog.Topics, after);
        var report = Report(request, parsed, DiffBuilder.Build(catalog.Topics, after, matches, catalog.UrlsElsewhere, catalog.LinkIds.Keys.ToHashSet(StringComparer.Ordinal)), catalog);
        return request.DryRun
            ? new(matches, report, "", "")
            : new(matches, report, JsonSerializer.Serialize(report, ReportJson), JsonSerializer.Serialize(report.Diff.Changes, ReportJson));
    }

    private static ImportReport Report(ImportRequest request, ParsedCatalog parsed, ImportDiff diff, CatalogBefore catalog) =>
        new(request.File.Name, parsed.Headings, parsed.LinkCount, parsed.DistinctUrlCount, parsed.QuoteCount, parsed.ImageCount, parsed.Warnings, diff)
        {
            DryRun = request.DryRun,
            Sha256 = request.File.Sha256,
            Unchanged = catalog.Unchanged,
            CatalogLinks = catalog.LinkIds.Count,
            CatalogVersion = catalog.Version,
        };

    private async Task<Source?> FindSourceAsync(string name, CancellationToken ct)
    {
        // Tracked: an applied import updates the source's hash and time.
        var sources = await db.Sources.AsTracking().ToListAsync(ct);
        var clash = sources.FirstOrDefault(s => s.Name != name && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        if (clash is not null)
        {
            throw new SeedFileException($"{name}: the name collides with the existing source {clash.Name} (names differ only in case); rename the file.");
        }

        return sources.FirstOrDefault(s => s.Name == name);
    }

    private async Task<List<TopicState>> LoadTopicsAsync(int sourceId, CancellationToken ct)
    {
        var topics = await db.Topics.AsNoTracking().Where(t => t.SourceId == sourceId).OrderBy(t => t.Position)
            .Select(t => new { t.Id, t.Slug, t.Title, t.Level, ParentSlug = t.Parent == null ? null : t.Parent.Slug, t.Position, t.IntroMarkdown })
            .ToListAsync(ct);
        var links = (await db.Mentions.AsNoTracking().Where(m => m.Topic.SourceId == sourceId).OrderBy(m => m.Position)
            .Select(m => new { m.TopicId, m.Link.Url, m.Label, m.Place }).ToListAsync(ct)).ToLookup(m => m.TopicId);
        var quotes = (await db.Quotes.AsNoTracking().Where(q => q.Topic.SourceId == sourceId).OrderBy(q => q.Position)
            .Select(q => new { q.TopicId, q.Url, q.Text }).ToListAsync(ct)).ToLookup(q => q.TopicId);
        var images = (await db.Images.AsNoTracking().Where(i => i.Topic.SourceId == sourceId).OrderBy(i => i.Position)
            .Select(i => new { i.TopicId, i.Src }).ToListAsync(ct)).ToLookup(i => i.TopicId);
        return topics.Select(t => new TopicState(t.Slug, t.Title, t.Level, t.ParentSlug, t.Position, t.IntroMarkdown,
            links[t.Id].Select(l => new TopicLink(l.Url, l.Label, l.Place)).ToList(),
            quotes[t.Id].Select(q => (q.Url, q.Text)).ToList(),
            images[t.Id].Select(i => i.Src).ToList())).ToList();
    }

    private async Task<HashSet<string>> SlugsOfOtherSourcesAsync(int? sourceId, CancellationToken ct) =>
        (await db.Topics.Where(t => t.SourceId != (sourceId ?? -1)).Select(t => t.Slug).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    // Slugs are unique in the whole catalog: a slug another source already uses gets the next free suffix.
    private static List<ParsedTopic> AvoidSlugsOfOtherSources(IReadOnlyList<ParsedTopic> topics, HashSet<string> otherSlugs)
    {
        var used = new HashSet<string>(otherSlugs, StringComparer.Ordinal);
        used.UnionWith(topics.Select(t => t.Slug));
        var renamed = topics.Where(t => otherSlugs.Contains(t.Slug))
            .ToDictionary(t => t.Slug, t => Slugs.Unique(t.Slug, used), StringComparer.Ordinal);
        return topics.Select(topic => topic with
        {
            Slug = renamed.GetValueOrDefault(topic.Slug, topic.Slug),
            ParentSlug = topic.ParentSlug is null ? null : renamed.GetValueOrDefault(topic.ParentSlug, topic.ParentSlug),
        }).ToList();
    }

    private async Task<Source> SaveSourceAsync(Source? source, SeedFile file, DateTimeOffset now, CancellationToken ct)
    {
        source ??= db.Sources.Add(new Source { Name = file.Name, Sha256 = file.Sha256 }).Entity;
        source.Sha256 = file.Sha256;
        source.ImportedAt = now;
        if (!await db.SeedBlobs.AnyAsync(b => b.Sha256 == file.Sha256, ct))
        {
            db.SeedBlobs.Add(new SeedBlob { Sha256 = file.Sha256, Content = file.Content });
        }

        await db.SaveChangesAsync(ct);
        return source;
    }

    // Old slugs keep answering: 301 to the topic that continues them, 410 for removed topics. Redirects recorded by
    // earlier imports follow their target, so a slug renamed twice still lands on the live topic in one hop.
    private async Task RecordRedirectsAsync(List<TopicState> before, IEnumerable<string> liveSlugs, Dictionary<string, string> matches, DateTimeOffset now, CancellationToken ct)
    {
        var live = liveSlugs.ToHashSet(StringComparer.Ordinal);
        var newSlugOf = matches.ToDictionary(m => m.Value, m => m.Key, StringComparer.Ordinal);
        var moved = before.Where(t => newSlugOf.GetValueOrDefault(t.Slug) != t.Slug).ToDictionary(t => t.Slug, StringComparer.Ordinal);
        var redirects = (await db.SlugRedirects.AsTracking().ToListAsync(ct)).ToDictionary(r => r.Slug, StringComparer.Ordinal);

        foreach (var redirect in redirects.Values.Where(r => r.TopicSlug is not null && moved.ContainsKey(r.TopicSlug)))
        {
            Point(redirect, moved[redirect.TopicSlug!], newSlugOf);
        }

        foreach (var old in moved.Values.Where(t => !live.Contains(t.Slug)))
        {
            if (!redirects.TryGetValue(old.Slug, out var redirect))
            {
                redirect = db.SlugRedirects.Add(new SlugRedirect { Slug = old.Slug, Title = old.Title }).Entity;
            }

            redirect.Title = old.Title;
            redirect.CreatedAt = now;
            Point(redirect, old, newSlugOf);
        }

        // A slug that is a live topic again answers as that topic.
        db.SlugRedirects.RemoveRange(redirects.Values.Where(r => live.Contains(r.Slug)));
        await db.SaveChangesAsync(ct);
    }

    private static void Point(SlugRedirect redirect, TopicState old, Dictionary<string, string> newSlugOf)
    {
        redirect.TopicSlug = newSlugOf.GetValueOrDefault(old.Slug);
        redirect.LinkUrls = redirect.TopicSlug is null ? string.Join('\n', old.Links.Select(l => l.Url).Distinct()) : "";
    }

    private async Task<int> RecordRunAsync(ImportRequest request, Comparison comparison, DateTimeOffset started, CancellationToken ct)
    {
        var run = db.ImportRuns.Add(new ImportRun
        {
            SourceName = comparison.Report.Source,
            Sha256 = comparison.Report.Sha256,
            StartedAt = started,
            FinishedAt = clock.GetUtcNow(),
            Status = ImportStatus.Succeeded,
            User = request.User,
            ReportJson = comparison.ReportJson,
            DiffJson = comparison.DiffJson,
        }).Entity;
        var state = await db.CatalogState.AsTracking().FirstOrDefaultAsync(s => s.Id == 1, ct)
            ?? db.CatalogState.Add(new CatalogState { Id = 1 }).Entity;
        state.Version++;
        state.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return run.Id;
    }
}
