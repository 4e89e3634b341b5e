using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Links;

/// <summary>What a run covers: every link, or only those due, or one host's.</summary>
public sealed record LinkCheckRequest(bool OnlyDue = false, string? Host = null);

/// <summary>One run: checks the catalog's links through the fetcher and folds each verdict into the stored health.</summary>
public sealed class LinkChecker(
    CatalogDbContext db,
    LinkFetcher fetcher,
    WaybackArchive archive,
    IOptions<LinkOptions> options,
    TimeProvider clock,
    IEnumerable<ICatalogChangeListener> listeners,
    ILogger<LinkChecker> logger)
{
    public async Task<LinkCheckSummary> RunAsync(LinkCheckRequest request, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var links = await db.Links.AsNoTracking()
            .Where(l => request.Host == null || l.Host == request.Host)
            .Select(l => new { l.Url, l.Host })
            .ToListAsync(cancellationToken);
        // Tracked, unlike the context's default: the fold below updates these rows in place.
        var health = await db.LinkHealth.AsTracking().ToDictionaryAsync(h => h.Url, cancellationToken);
        if (request.OnlyDue)
        {
            var due = now - options.Value.CheckInterval;
            links = links.Where(l => !health.TryGetValue(l.Url, out var h) || h.CheckedAt <= due).ToList();
        }

        var done = 0;
        var verdicts = await Task.WhenAll(links.Select(async link =>
        {
            var verdict = Uri.TryCreate(link.Url, UriKind.Absolute, out var url)
                ? LinkVerdict.From(await fetcher.CheckAsync(url, cancellationToken))
                : new LinkVerdict(LinkStatus.Error, null, new Uri("about:blank"), "not an absolute URL");
            progress?.Report((Interlocked.Increment(ref done), links.Count));
            return (link.Url, link.Host, Verdict: verdict);
        }));

        var inconclusive = RunVerdict.IsInconclusive(verdicts.Select(v => (v.Host, v.Verdict.Status)));
        foreach (var (url, _, verdict) in verdicts)
        {
            db.LinkChecks.Add(new LinkCheckRow
            {
                Url = url, CheckedAt = now, Status = verdict.Status.Name(), HttpStatus = verdict.HttpStatus,
                FinalUrl = verdict.FinalUrl.ToString(), Reason = verdict.Reason, Inconclusive = inconclusive,
            });
            if (!inconclusive)
            {
                Fold(health, url, verdict, now);
            }
        }

        if (!inconclusive)
        {
            var checkedUrls = verdicts.Select(v => v.Url).ToHashSet();
            await AskArchiveAsync([.. health.Values.Where(r => checkedUrls.Contains(r.Url) && r.DeadSince is not null && r.ArchiveCheckedAt is null)], now, cancellationToken);
        }

        await SaveAsync(verdicts.Length > 0, now, cancellationToken);
        var summary = Summarise(verdicts.Select(v => v.Verdict.Status).ToList(), health.Values, inconclusive);
        logger.LogInformation("Link check of {Links} links: {Dead} dead, inconclusive {Inconclusive}", summary.Checked, summary.Dead, inconclusive);
        return summary;
    }

    // Only dead links are asked about, one at a time, and an answer is kept: the API's limit is tight and silent.
    // When it cannot answer, the row links the archive's own redirect to the copy nearest the link's entry.
    private async Task AskArchiveAsync(List<LinkHealthRow> dead, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (dead.Count == 0)
        {
            return;
        }

        var entered = await db.EnteredAtAsync([.. dead.Select(r => r.Url)], cancellationToken);
        foreach (var row in dead)
        {
            var near = entered.Of(row.Url, now);
            switch (await archive.ClosestAsync(row.Url, near, cancellationToken))
            {
                case ArchiveAnswer.Snapshot snapshot:
                    (row.ArchiveUrl, row.ArchivedAt, row.ArchiveCheckedAt) = (snapshot.Url, snapshot.ArchivedAt, now);
                    break;
                case ArchiveAnswer.None:
                    (row.ArchiveUrl, row.ArchivedAt, row.ArchiveCheckedAt) = (null, null, now);
                    break;
                default:
                    row.ArchiveUrl ??= WaybackArchive.NearestCopyLink(row.Url, near);
                    break;
            }
        }
    }

    // Pages and API answers show health and are cached per catalog version: a run that checked anything moves the
    // version on in the same transaction, so every server (and the CLI's neighbours) drops what it cached.
    private async Task SaveAsync(bool changed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (changed)
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "CatalogState" SET "Version" = "Version" + 1, "UpdatedAt" = {now} WHERE "Id" = 1""", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (changed)
        {
            foreach (var listener in listeners)
            {
                await listener.CatalogChangedAsync(cancellationToken);
            }
        }
    }

    private void Fold(Dictionary<string, LinkHealthRow> health, string url, LinkVerdict verdict, DateTimeOffset now)
    {
        var row = health.GetValueOrDefault(url);
        var before = row is null
            ? LinkHealthState.Unchecked
            : new LinkHealthState(Enum.Parse<LinkStatus>(row.Status, ignoreCase: true), row.CheckedAt, row.HttpStatus,
                row.FinalUrl is null ? null : new Uri(row.FinalUrl), row.FirstStrikeAt, row.DeadSince);
        var after = before.After(verdict, now, options.Value.DeadAfter);
        if (ReferenceEquals(before, after))
        {
            return;
        }

        if (row is null)
        {
            row = new LinkHealthRow { Url = url, Status = "" };
            db.LinkHealth.Add(row);
            health[url] = row;
        }

        row.Status = after.Status!.Value.Name();
        row.CheckedAt = now;
        row.HttpStatus = after.HttpStatus;
        row.FinalUrl = after.FinalUrl?.ToString();
        row.FirstStrikeAt = after.FirstStrikeAt;
        row.DeadSince = after.DeadSince;
        if (after.DeadSince is null && row.ArchivedAt is null)
        {
            // A link back from the dead forgets a fallback or a "no copy": if it dies again, the archive is asked again.
            (row.ArchiveUrl, row.ArchiveCheckedAt) = (null, null);
        }
    }

    private static LinkCheckSummary Summarise(List<LinkStatus> statuses, IEnumerable<LinkHealthRow> health, bool inconclusive)
    {
        int Count(LinkStatus s) => statuses.Count(x => x == s);
        var rows = health.ToList();
        return new LinkCheckSummary(statuses.Count, Count(LinkStatus.Ok), Count(LinkStatus.Redirected), Count(LinkStatus.Broken),
            Count(LinkStatus.Unreachable), Count(LinkStatus.Timeout), Count(LinkStatus.Blocked), Count(LinkStatus.Error),
            rows.Count(r => r.DeadSince is not null), rows.Count(r => r.DeadSince is not null && r.ArchiveUrl is not null), inconclusive);
    }
}
