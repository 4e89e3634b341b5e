using System.Text.Json;
using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Import;

public sealed record ImportRequest(SeedFile File, bool DryRun = false, string? User = null, bool ConfirmLargeRemoval = false);

/// <summary>Thrown when an import would remove more than half of the catalog's links and was not confirmed.</summary>
public sealed class ImportNeedsConfirmationException(ImportReport report, int catalogLinks)
    : Exception($"{report.Source}: this import would remove {report.Diff.LinksRemoved:N0} of the catalog's {catalogLinks:N0} links; confirm to apply it.")
{
    public ImportReport Report { get; } = report;
}

/// <summary>
/// The one import service (CLI, first run, watch mode and the admin pages all call it): validate, parse, diff against
/// the catalog, then apply everything in one transaction, or roll back for a dry run. A failure, or a killed process,
/// leaves the previous catalog as it was.
/// </summary>
public sealed class CatalogImporter(CatalogDbContext db, IOptions<CatalogOptions> options, TimeProvider clock, ILogger<CatalogImporter> logger)
{
    public static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = false };

    public async Task<ImportReport> ImportAsync(ImportRequest request, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var file = request.File;
        var parsed = Parse(file);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var source = await FindSourceAsync(file.Name, ct);
        var before = source is null ? [] : await LoadTopicsAsync(source.Id, ct);
        var topics = AvoidSlugsOfOtherSources(parsed.Topics, await SlugsOfOtherSourcesAsync(source?.Id, ct));
        var after = topics.Select(TopicState.From).ToList();
        var matches = TopicMatcher.Match(before, after);
        var catalogUrls = (await db.Links.Select(l => l.Url).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var urlsElsewhere = (await db.Mentions.Where(m => m.Topic.SourceId != (source == null ? -1 : source.Id))
            .Select(m => m.Link.Url).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var diff = DiffBuilder.Build(before, after, matches, urlsElsewhere, catalogUrls);
        var report = new ImportReport(file.Name, parsed.Headings, parsed.LinkCount, parsed.DistinctUrlCount, parsed.QuoteCount,
            parsed.ImageCount, parsed.Warnings, diff)
        {
            DryRun = request.DryRun,
            Sha256 = file.Sha256,
            Unchanged = source?.Sha256 == file.Sha256,
        };

        if (request.DryRun)
        {
            return report;
        }

        if (diff.LinksRemoved > catalogUrls.Count / 2 && !request.ConfirmLargeRemoval)
        {
            throw new ImportNeedsConfirmationException(report, catalogUrls.Count);
        }

        source = await SaveSourceAsync(source, file, started, ct);
        await new CatalogWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction()).ReplaceSourceAsync(source.Id, topics, ct);
        await RecordRedirectsAsync(before, after, matches, started, ct);
        await RecordRunAsync(request, report, started, ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation(
            "Imported {Source} ({Sha256}): {Topics} topics, {Links} links, {DistinctUrls} distinct URLs, {Quotes} quotes, {Images} images, {Warnings} warnings in {ElapsedMs:F0} ms",
            file.Name, file.Sha256[..12], report.Topics, report.Links, report.DistinctUrls, report.Quotes, report.Images,
            report.Warnings.Count, (clock.GetUtcNow() - started).TotalMilliseconds);
        return report;
    }

    private ParsedCatalog Parse(SeedFile file)
    {
        var parsed = SeedParser.Parse(file.Decode(options.Value.MaxSeedBytes), file.Name);
        if (parsed.Headings == 0 && parsed.LinkCount == 0)
        {
            throw new SeedFileException($"{file.Name}: the file has no headings and no links: there is nothing to import.");
        }

        return parsed;
    }

    private async Task<Source?> FindSourceAsync(string name, CancellationToken ct)
    {
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
            .Select(m => new { m.TopicId, m.Link.Url, m.Label }).ToListAsync(ct)).ToLookup(m => m.TopicId);
        var quotes = (await db.Quotes.AsNoTracking().Where(q => q.Topic.SourceId == sourceId).OrderBy(q => q.Position)
            .Select(q => new { q.TopicId, q.Url, q.Text }).ToListAsync(ct)).ToLookup(q => q.TopicId);
        var images = (await db.Images.AsNoTracking().Where(i => i.Topic.SourceId == sourceId).OrderBy(i => i.Position)
            .Select(i => new { i.TopicId, i.Src }).ToListAsync(ct)).ToLookup(i => i.TopicId);
        return topics.Select(t => new TopicState(t.Slug, t.Title, t.Level, t.ParentSlug, t.Position, t.IntroMarkdown,
            links[t.Id].Select(l => (l.Url, l.Label)).ToList(),
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

    // Old slugs keep answering: 301 to the topic that continues them, 410 for removed topics.
    private async Task RecordRedirectsAsync(List<TopicState> before, List<TopicState> after, Dictionary<string, string> matches, DateTimeOffset now, CancellationToken ct)
    {
        var live = after.Select(t => t.Slug).ToList();
        await db.SlugRedirects.Where(r => live.Contains(r.Slug)).ExecuteDeleteAsync(ct);
        var newSlugOf = matches.ToDictionary(m => m.Value, m => m.Key, StringComparer.Ordinal);
        foreach (var old in before.Where(t => newSlugOf.GetValueOrDefault(t.Slug) != t.Slug))
        {
            var target = newSlugOf.GetValueOrDefault(old.Slug);
            var redirect = await db.SlugRedirects.AsTracking().SingleOrDefaultAsync(r => r.Slug == old.Slug, ct)
                ?? db.SlugRedirects.Add(new SlugRedirect { Slug = old.Slug, Title = old.Title }).Entity;
            redirect.TopicSlug = target;
            redirect.Title = old.Title;
            redirect.LinkUrls = target is null ? string.Join('\n', old.Links.Select(l => l.Url).Distinct()) : "";
            redirect.CreatedAt = now;
            await db.SlugRedirects.Where(r => r.TopicSlug == old.Slug).ExecuteUpdateAsync(s => s.SetProperty(r => r.TopicSlug, target), ct);
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task RecordRunAsync(ImportRequest request, ImportReport report, DateTimeOffset started, CancellationToken ct)
    {
        db.ImportRuns.Add(new ImportRun
        {
            SourceName = report.Source,
            Sha256 = report.Sha256,
            StartedAt = started,
            FinishedAt = clock.GetUtcNow(),
            Status = ImportStatus.Succeeded,
            User = request.User,
            ReportJson = JsonSerializer.Serialize(report, ReportJson),
            DiffJson = JsonSerializer.Serialize(report.Diff.Changes, ReportJson),
        });
        var state = await db.CatalogState.AsTracking().SingleOrDefaultAsync(ct) ?? db.CatalogState.Add(new CatalogState { Id = 1 }).Entity;
        state.Version++;
        state.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}
