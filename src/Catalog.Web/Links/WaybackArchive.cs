using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Links;

/// <summary>What the availability API said about one URL.</summary>
public abstract record ArchiveAnswer
{
    private ArchiveAnswer()
    {
    }

    /// <summary>A copy that was itself a success when archived.</summary>
    public sealed record Snapshot(string Url, DateTimeOffset ArchivedAt) : ArchiveAnswer;

    /// <summary>The archive holds no usable copy (none at all, or only an archived error page).</summary>
    public sealed record None : ArchiveAnswer;

    /// <summary>The API did not answer (rate limit, error): ask again on a later run.</summary>
    public sealed record Unanswered : ArchiveAnswer;
}

/// <summary>
/// The Wayback Machine's availability API, asked through the catalog's one door. The API limits callers tightly and
/// silently, so questions go one at a time, and after a 429 none go out until its Retry-After (or a minute) has passed.
/// </summary>
public sealed class WaybackArchive(LinkFetcher fetcher, IOptions<LinkOptions> options, TimeProvider clock, ILogger<WaybackArchive> logger) : IDisposable
{
    private static readonly TimeSpan s_defaultPause = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _oneAtATime = new(1);
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public void Dispose() => _oneAtATime.Dispose();

    /// <summary>The snapshot closest to <paramref name="near"/>, or why there is none.</summary>
    public async Task<ArchiveAnswer> ClosestAsync(string url, DateTimeOffset near, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (clock.GetUtcNow() < _pausedUntil)
            {
                return new ArchiveAnswer.Unanswered();
            }

            var question = new Uri($"{options.Value.WaybackApi}?url={Uri.EscapeDataString(url)}&timestamp={near.UtcDateTime:yyyyMMdd}");
            var result = await fetcher.GetAsync(question, cancellationToken);
            if (result.HttpStatus == 429)
            {
                var pause = result.Headers?.RetryAfter?.Delta ?? s_defaultPause;
                _pausedUntil = clock.GetUtcNow() + pause;
                logger.LogWarning("Wayback API rate-limited us; no questions for {Pause}", pause);
                return new ArchiveAnswer.Unanswered();
            }

            return result.HttpStatus is >= 200 and < 300 && result.Body is { } body && !result.Truncated
                ? Read(body)
                : new ArchiveAnswer.Unanswered();
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>The link the archive itself redirects to the copy nearest a date: used when the API cannot answer.</summary>
    public static string NearestCopyLink(string url, DateTimeOffset near) =>
        $"https://web.archive.org/web/{near.UtcDateTime:yyyyMMdd}/{url}";

    /// <summary>Reads <c>archived_snapshots.closest</c>; an archived error page is no copy.</summary>
    public static ArchiveAnswer Read(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("archived_snapshots", out var snapshots)
                || snapshots.ValueKind != JsonValueKind.Object
                || !snapshots.TryGetProperty("closest", out var closest))
            {
                return new ArchiveAnswer.None();
            }

            var status = closest.TryGetProperty("status", out var s) ? s.GetString() : null;
            var link = closest.TryGetProperty("url", out var u) ? u.GetString() : null;
            var stamp = closest.TryGetProperty("timestamp", out var t) ? t.GetString() : null;
            if (status is not { Length: 3 } || status[0] != '2' || link is null
                || !DateTime.TryParseExact(stamp, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                || !Uri.TryCreate(link, UriKind.Absolute, out var snapshot))
            {
                return new ArchiveAnswer.None();
            }

            // The API names its copies over http; the archive serves them over https.
            var secure = snapshot.Scheme == Uri.UriSchemeHttp ? new UriBuilder(snapshot) { Scheme = Uri.UriSchemeHttps, Port = -1 }.Uri : snapshot;
            return new ArchiveAnswer.Snapshot(secure.ToString(), new DateTimeOffset(at, TimeSpan.Zero));
        }
        catch (JsonException)
        {
            return new ArchiveAnswer.Unanswered();
        }
    }
}
