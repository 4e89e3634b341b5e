using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Links.Metadata;

/// <summary>The counts of one run, as `links meta --json` prints them.</summary>
public sealed record LinkMetadataSummary(int Links, int Fetched, int Unchanged, int Failed, int Deferred, int Other);

/// <summary>
/// One metadata run: asks each link's source (arXiv in batches; Crossref, GitHub, oEmbed or the page itself one by one,
/// all through the one fetcher), folds the answers into the stored rows, lets better kinds replace "other", and
/// re-indexes search so fetched titles and authors are found. Links tried least recently go first, so a run cut short
/// by a rate limit resumes where it stopped.
/// </summary>
public sealed class LinkMetadataRun(
    CatalogDbContext db,
    ArxivSource arxiv,
    CrossrefSource crossref,
    GitHubSource github,
    OEmbedSource oembed,
    PageSource pages,
    LinkMetadataStore store,
    TimeProvider clock,
    IOptions<LinkOptions> options,
    ILogger<LinkMetadataRun> logger)
{
    public Task<LinkMetadataSummary> RunAsync(string? host, CancellationToken ct) => RunAsync(host, onlyDue: false, ct);

    /// <param name="onlyDue">Only links not tried within the check interval, as a due-only check (the schedule's) checks.</param>
    public async Task<LinkMetadataSummary> RunAsync(string? host, bool onlyDue, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = onlyDue ? now - options.Value.CheckInterval : DateTimeOffset.MaxValue;
        var links = await db.Links.Where(l => host == null || l.Host == host).Select(l => new { l.Id, l.Url, l.Kind }).ToListAsync(ct);
        var rows = await db.LinkMetadata.AsTracking().ToDictionaryAsync(r => r.Url, ct);
        var routes = links
            .Where(l => !rows.TryGetValue(l.Url, out var r) || r.AttemptedAt < due)
            .OrderBy(l => rows.TryGetValue(l.Url, out var r) ? r.AttemptedAt : DateTimeOffset.MinValue)
            .Select(l => (l.Url, Route: MetadataRoute.For(l.Url), Row: rows.GetValueOrDefault(l.Url)))
            .ToList();

        var arxivIds = routes.Select(r => r.Route).OfType<MetadataRoute.Arxiv>().Select(a => a.Id).ToList();
        var asking = Task.WhenAll(routes.Where(r => r.Route is not MetadataRoute.Arxiv).Select(async r => (r.Url, Answer: await AskAsync(r.Url, r.Route, r.Row, ct))));
        var records = await arxiv.FetchAsync(arxivIds, ct);
        var arxivAnswers = await Task.WhenAll(routes.Where(r => r.Route is MetadataRoute.Arxiv).Select(async r =>
            (r.Url, Answer: records.TryGetValue(((MetadataRoute.Arxiv)r.Route).Id, out var record)
                ? new SourceAnswer(SourceOutcome.Fetched, record)
                : await pages.FetchAsync(r.Url, null, null, ct))));
        var answers = (await asking).Concat(arxivAnswers).ToList();

        foreach (var (url, answer) in answers)
        {
            Fold(rows, url, answer, now);
        }

        await store.SaveAsync(ct);

        int Count(SourceOutcome outcome) => answers.Count(a => a.Answer.Outcome == outcome);
        var other = await db.Links.CountAsync(l => (host == null || l.Host == host) && l.Kind == LinkKinds.Other, ct);
        var summary = new LinkMetadataSummary(answers.Count, Count(SourceOutcome.Fetched), Count(SourceOutcome.NotModified),
            Count(SourceOutcome.Failed), Count(SourceOutcome.Deferred), other);
        logger.LogInformation("Link metadata for {Links} links: {Fetched} fetched, {Unchanged} unchanged, {Failed} failed, {Deferred} deferred; {Other} left other",
            summary.Links, summary.Fetched, summary.Unchanged, summary.Failed, summary.Deferred, summary.Other);
        return summary;
    }

    private async Task<SourceAnswer> AskAsync(string url, MetadataRoute route, LinkMetadataRow? row, CancellationToken ct)
    {
        var answer = route switch
        {
            MetadataRoute.Doi doi => await crossref.FetchAsync(doi.Value, row?.ETag, row?.LastModified, ct),
            MetadataRoute.GitHub repo => await github.FetchAsync(repo.Owner, repo.Repo, row?.ETag, row?.LastModified, ct),
            MetadataRoute.YouTube => await oembed.FetchAsync(url, ct),
            _ => await pages.FetchAsync(url, row?.ETag, row?.LastModified, ct),
        };

        // Crossref may not know a DOI (DataCite registers some); the publisher's page usually still says what it is.
        return answer.Outcome == SourceOutcome.Failed && route is MetadataRoute.Doi ? await pages.FetchAsync(url, null, null, ct) : answer;
    }

    private void Fold(Dictionary<string, LinkMetadataRow> rows, string url, SourceAnswer answer, DateTimeOffset now)
    {
        if (!rows.TryGetValue(url, out var row))
        {
            row = new LinkMetadataRow { Url = url, CanonicalId = CanonicalId.FromUrl(url) };
            db.LinkMetadata.Add(row);
            rows[url] = row;
        }

        row.AttemptedAt = now;
        switch (answer.Outcome)
        {
            case SourceOutcome.Fetched:
                MetadataRecord.Apply(row, answer.Metadata!, now);
                row.ETag = answer.ETag;
                row.LastModified = answer.LastModified;
                break;
            case SourceOutcome.NotModified:
                row.FetchedAt = now;
                break;
        }
    }
}
