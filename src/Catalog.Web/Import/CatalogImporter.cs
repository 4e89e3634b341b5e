using System.Data.Common;
using System.Text.Json;
using Catalog.Web.Data;
using Catalog.Web.Search;
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
/// leaves the previous catalog as it was. Plain SQL on a connection of its own (<see cref="CatalogDatabase"/>): a CLI
/// import never starts EF Core.
/// </summary>
public sealed class CatalogImporter(
    CatalogDatabase database,
    IOptions<CatalogOptions> options,
    TimeProvider clock,
    IEnumerable<ICatalogChangeListener> listeners,
    ILogger<CatalogImporter> logger)
{
    public static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = false };

    public async Task<ImportReport> ImportAsync(ImportRequest request, CancellationToken ct)
    {
        // A hostile file must not hold a request, the CLI or the write lock for long: past the limit, the parse stops
        // between blocks and the transaction rolls back.
        using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeLimit.CancelAfter(options.Value.MaxImportTime);
        try
        {
            return await ImportWithinAsync(request, timeLimit.Token);
        }
        catch (OperationCanceledException) when (timeLimit.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new SeedFileException(
                $"{request.File.Name}: the import took longer than the limit of {options.Value.MaxImportTime} (Catalog:MaxImportTime) and was stopped; nothing was changed.");
        }
    }

    private async Task<ImportReport> ImportWithinAsync(ImportRequest request, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var file = request.File;

        // The parse, the longest step, runs on its own thread while this one reads the catalog it will be compared with.
        var parsing = (request.Parsing ?? ParseAsync(file, ct)).WaitAsync(ct);

        // So does classifying the file's URLs, as soon as the parse ends (an apply needs it for the new links).
        var classifying = request.DryRun ? null : parsing.ContinueWith(
            parse => CatalogWriter.Classify(parse.Result.Topics), ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

        await using var connection = await database.OpenAsync(ct);
        try
        {
            // A dry run reads one snapshot and writes nothing. An apply holds the import lock from its first read: the
            // diff is computed against the catalog this transaction will replace, and no other import can slip in
            // between; it waits for a running import at most ImportLockWait. Disposed without a commit, either rolls back.
            await using var transaction = await database.Dialect.BeginImportAsync(connection, request.DryRun, options.Value.ImportLockWait, ct);
            return await ImportAsync(request, parsing, classifying, transaction, started, ct);
        }
        catch (Exception e) when (database.Dialect.IsImportBusy(e))
        {
            throw new ImportBusyException(file.Name, e);
        }
    }

    /// <summary>Starts parsing a file on a thread of its own; pass the task in <see cref="ImportRequest.Parsing"/>.</summary>
    public Task<ParsedCatalog> ParseAsync(SeedFile file, CancellationToken ct) =>
        ParseAsync(file, options.Value.MaxSeedBytes, ParseLimits.From(options.Value), ct);

    /// <inheritdoc cref="ParseAsync(SeedFile, CancellationToken)"/>
    /// <param name="maxBytes">The size limit (<see cref="CatalogOptions.MaxSeedBytes"/>).</param>
    public static async Task<ParsedCatalog> ParseAsync(SeedFile file, long maxBytes, ParseLimits limits, CancellationToken ct)
    {
        var parsed = await SeedParser.ParseAsync(() => file.Decode(maxBytes), file.Name, limits, ct);
        return parsed is { Headings: 0, LinkCount: 0 }
            ? throw new SeedFileException($"{file.Name}: the file has no headings and no links: there is nothing to import.")
            : parsed;
    }

    private async Task<ImportReport> ImportAsync(
        ImportRequest request, Task<ParsedCatalog> parsing, Task<List<ClassifiedLink>>? classifying, DbTransaction transaction, DateTimeOffset started, CancellationToken ct)
    {
        var file = request.File;
        var connection = transaction.Connection!;
        var source = await FindSourceAsync(transaction, file.Name, ct);
        var sourceId = source?.Id ?? -1;
        var catalog = new CatalogBefore(
            Unchanged: source?.Sha256 == file.Sha256,
            Topics: source is null ? [] : await LoadTopicsAsync(transaction, source.Id, ct),
            OtherSlugs: (await transaction.ListAsync("""SELECT "Slug" FROM "Topics" WHERE "SourceId" <> @source""", r => r.GetString(0), ct, ("@source", sourceId)))
                .ToHashSet(StringComparer.Ordinal),
            // With their ids: the writer keeps them for the links the file still lists.
            LinkIds: await transaction.IdsAsync("""SELECT "Url", "Id" FROM "Links" """, ct),
            UrlsElsewhere: (await transaction.ListAsync(
                    """
                    SELECT DISTINCT l."Url" FROM "Mentions" m JOIN "Topics" t ON t."Id" = m."TopicId" JOIN "Links" l ON l."Id" = m."LinkId"
                    WHERE t."SourceId" <> @source
                    """,
                    r => r.GetString(0), ct, ("@source", sourceId)))
                .ToHashSet(StringComparer.Ordinal),
            Version: await transaction.ScalarAsync("""SELECT "Version" FROM "CatalogState" WHERE "Id" = 1""", ct) ?? 0,
            SearchDocuments: request.DryRun ? null : await SearchDocuments.ReadAsync(transaction, source?.Id, ct));
        var parsed = await parsing;
        if (catalog.OtherSlugs.Count + parsed.Topics.Count > options.Value.MaxTopics)
        {
            throw new SeedFileException(
                $"{file.Name}: its {parsed.Topics.Count:N0} topics would take the catalog over {options.Value.MaxTopics:N0} topics; the limit is Catalog:MaxTopics.");
        }

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
        var indexing = catalog.SearchDocuments is not { } documents ? null : Task.Run(
            () =>
            {
                documents.Add(topics);
                return documents.Prepare();
            },
            ct);
        sourceId = await SaveSourceAsync(transaction, source, file, started, ct);
        var linkIds = await new CatalogWriter(connection, transaction, database.Dialect).ReplaceSourceAsync(sourceId, topics, catalog.LinkIds, classifying!, ct);
        if (indexing is not null)
        {
            await SearchIndex.WriteAsync(connection, transaction, await indexing, linkIds, ct);
        }
        var comparison = await comparing;
        var report = comparison.Report;
        if (report.RemovesMostLinks && !request.ConfirmLargeRemoval)
        {
            throw new ImportNeedsConfirmationException(report);
        }

        await RecordRedirectsAsync(transaction, catalog.Topics, after.Select(t => t.Slug).Union(catalog.OtherSlugs), comparison.Matches, started, ct);
        var runId = await RecordRunAsync(transaction, request, comparison, started, ct);
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

    /// <summary>
    /// The diff and its report; for an apply also their JSON for the run record, which runs to megabytes for a large
    /// first import (tests/Catalog.Benchmarks/README.md, "Changes made for the targets"): UTF-8, as SQLite stores it, rather than a string twice that size that is then encoded again.
    /// </summary>
    private sealed record Comparison(Dictionary<string, string> Matches, ImportReport Report, byte[] ReportJson, byte[] DiffJson);

    private sealed record SourceRow(int Id, string Name, string Sha256);

    private static Comparison Compare(ImportRequest request, ParsedCatalog parsed, CatalogBefore catalog, List<TopicState> after)
    {
        var matches = TopicMatcher.Match(catalog.Topics, after);
        var report = Report(request, parsed, DiffBuilder.Build(catalog.Topics, after, matches, catalog.UrlsElsewhere, catalog.LinkIds.Keys.ToHashSet(StringComparer.Ordinal)), catalog);
        return request.DryRun
            ? new(matches, report, [], [])
            : new(matches, report, JsonSerializer.SerializeToUtf8Bytes(report, ReportJson), JsonSerializer.SerializeToUtf8Bytes(report.Diff.Changes, ReportJson));
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

    private static async Task<SourceRow?> FindSourceAsync(DbTransaction transaction, string name, CancellationToken ct)
    {
        var sources = await transaction.ListAsync("""SELECT "Id", "Name", "Sha256" FROM "Sources" """, r => new SourceRow(r.GetInt32(0), r.GetString(1), r.GetString(2)), ct);
        var clash = sources.FirstOrDefault(s => s.Name != name && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        if (clash is not null)
        {
            throw new SeedFileException($"{name}: the name collides with the existing source {clash.Name} (names differ only in case); rename the file.");
        }

        return sources.FirstOrDefault(s => s.Name == name);
    }

    private static async Task<List<TopicState>> LoadTopicsAsync(DbTransaction transaction, int sourceId, CancellationToken ct)
    {
        (string, object?) source = ("@source", sourceId);
        var links = (await transaction.ListAsync(
                """
                SELECT m."TopicId", l."Url", m."Label", m."Place" FROM "Mentions" m JOIN "Topics" t ON t."Id" = m."TopicId" JOIN "Links" l ON l."Id" = m."LinkId"
                WHERE t."SourceId" = @source ORDER BY m."Position"
                """,
                r => (TopicId: r.GetInt64(0), Link: new TopicLink(r.GetString(1), r.GetString(2), Enum.Parse<LinkPlace>(r.GetString(3)))), ct, source))
            .ToLookup(m => m.TopicId, m => m.Link);
        var quotes = (await transaction.ListAsync(
                """SELECT q."TopicId", q."Url", q."Text" FROM "Quotes" q JOIN "Topics" t ON t."Id" = q."TopicId" WHERE t."SourceId" = @source ORDER BY q."Position" """,
                r => (TopicId: r.GetInt64(0), Quote: (r.GetString(1), r.GetString(2))), ct, source))
            .ToLookup(q => q.TopicId, q => q.Quote);
        var images = (await transaction.ListAsync(
                """SELECT i."TopicId", i."Src" FROM "Images" i JOIN "Topics" t ON t."Id" = i."TopicId" WHERE t."SourceId" = @source ORDER BY i."Position" """,
                r => (TopicId: r.GetInt64(0), Src: r.GetString(1)), ct, source))
            .ToLookup(i => i.TopicId, i => i.Src);
        return await transaction.ListAsync(
            """
            SELECT t."Id", t."Slug", t."Title", t."Level", p."Slug", t."Position", t."IntroMarkdown" FROM "Topics" t LEFT JOIN "Topics" p ON p."Id" = t."ParentId"
            WHERE t."SourceId" = @source ORDER BY t."Position"
            """,
            r => new TopicState(r.GetString(1), r.GetString(2), r.GetInt32(3), r.NullableString(4), r.GetInt32(5), r.GetString(6),
                links[r.GetInt64(0)].ToList(), quotes[r.GetInt64(0)].ToList(), images[r.GetInt64(0)].ToList()),
            ct, source);
    }

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

    /// <returns>The source's id.</returns>
    private static async Task<int> SaveSourceAsync(DbTransaction transaction, SourceRow? source, SeedFile file, DateTimeOffset now, CancellationToken ct)
    {
        await transaction.ExecuteAsync("""INSERT INTO "SeedBlobs" ("Sha256", "Content") VALUES (@sha256, @content) ON CONFLICT DO NOTHING""", ct,
            ("@sha256", file.Sha256), ("@content", file.Content));
        if (source is not null)
        {
            await transaction.ExecuteAsync("""UPDATE "Sources" SET "Sha256" = @sha256, "ImportedAt" = @now WHERE "Id" = @id""", ct,
                ("@sha256", file.Sha256), ("@now", now), ("@id", source.Id));
            return source.Id;
        }

        return (int)(await transaction.ScalarAsync("""INSERT INTO "Sources" ("Name", "Sha256", "ImportedAt") VALUES (@name, @sha256, @now) RETURNING "Id" """, ct,
            ("@name", file.Name), ("@sha256", file.Sha256), ("@now", now)))!.Value;
    }

    // Old slugs keep answering: 301 to the topic that continues them, 410 for removed topics. Redirects recorded by
    // earlier imports follow their target, so a slug renamed twice still lands on the live topic in one hop.
    private static async Task RecordRedirectsAsync(
        DbTransaction transaction, List<TopicState> before, IEnumerable<string> liveSlugs, Dictionary<string, string> matches, DateTimeOffset now, CancellationToken ct)
    {
        var live = liveSlugs.ToHashSet(StringComparer.Ordinal);
        var newSlugOf = matches.ToDictionary(m => m.Value, m => m.Key, StringComparer.Ordinal);
        var moved = before.Where(t => newSlugOf.GetValueOrDefault(t.Slug) != t.Slug).ToDictionary(t => t.Slug, StringComparer.Ordinal);
        var redirects = (await transaction.ListAsync(
                """SELECT "Slug", "TopicSlug", "Title", "LinkUrls", "CreatedAt" FROM "SlugRedirects" """,
                r => new Redirect(r.GetString(0), r.NullableString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4)), ct))
            .ToDictionary(r => r.Slug, StringComparer.Ordinal);
        var changed = new List<Redirect>();

        foreach (var redirect in redirects.Values.Where(r => r.TopicSlug is not null && moved.ContainsKey(r.TopicSlug)))
        {
            changed.Add(Point(redirect, moved[redirect.TopicSlug!], newSlugOf));
        }

        foreach (var old in moved.Values.Where(t => !live.Contains(t.Slug)))
        {
            changed.Add(Point(new Redirect(old.Slug, null, old.Title, "", now), old, newSlugOf));
        }

        foreach (var redirect in changed)
        {
            await transaction.ExecuteAsync(
                """
                INSERT INTO "SlugRedirects" ("Slug", "TopicSlug", "Title", "LinkUrls", "CreatedAt") VALUES (@slug, @topicSlug, @title, @linkUrls, @createdAt)
                ON CONFLICT ("Slug") DO UPDATE SET "TopicSlug" = excluded."TopicSlug", "Title" = excluded."Title", "LinkUrls" = excluded."LinkUrls", "CreatedAt" = excluded."CreatedAt"
                """,
                ct, ("@slug", redirect.Slug), ("@topicSlug", redirect.TopicSlug), ("@title", redirect.Title), ("@linkUrls", redirect.LinkUrls), ("@createdAt", redirect.CreatedAt));
        }

        // A slug that is a live topic again answers as that topic.
        foreach (var slug in redirects.Keys.Where(live.Contains))
        {
            await transaction.ExecuteAsync("""DELETE FROM "SlugRedirects" WHERE "Slug" = @slug""", ct, ("@slug", slug));
        }
    }

    /// <summary>A row of SlugRedirects.</summary>
    private sealed record Redirect(string Slug, string? TopicSlug, string Title, string LinkUrls, DateTimeOffset CreatedAt);

    private static Redirect Point(Redirect redirect, TopicState old, Dictionary<string, string> newSlugOf)
    {
        var topicSlug = newSlugOf.GetValueOrDefault(old.Slug);
        return redirect with { TopicSlug = topicSlug, LinkUrls = topicSlug is null ? string.Join('\n', old.Links.Select(l => l.Url).Distinct()) : "" };
    }

    private async Task<int> RecordRunAsync(DbTransaction transaction, ImportRequest request, Comparison comparison, DateTimeOffset started, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var runId = await transaction.ScalarAsync(
            $"""
            INSERT INTO "ImportRuns" ("SourceName", "Sha256", "StartedAt", "FinishedAt", "Status", "User", "ReportJson", "DiffJson")
            VALUES (@source, @sha256, @started, @finished, @status, @user, {database.Dialect.TextFromUtf8("@report")}, {database.Dialect.TextFromUtf8("@diff")}) RETURNING "Id"
            """,
            ct, ("@source", comparison.Report.Source), ("@sha256", comparison.Report.Sha256), ("@started", started), ("@finished", now),
            ("@status", nameof(ImportStatus.Succeeded)), ("@user", request.User), ("@report", comparison.ReportJson), ("@diff", comparison.DiffJson));
        await transaction.ExecuteAsync(
            """
            INSERT INTO "CatalogState" ("Id", "Version", "UpdatedAt") VALUES (1, 1, @now)
            ON CONFLICT ("Id") DO UPDATE SET "Version" = "CatalogState"."Version" + 1, "UpdatedAt" = excluded."UpdatedAt"
            """,
            ct, ("@now", now));
        return (int)runId!.Value;
    }
}
