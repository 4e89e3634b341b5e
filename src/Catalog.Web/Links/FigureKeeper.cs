using System.Security.Cryptography;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Links;

/// <summary>
/// Fetches the seed's figures through the one door and keeps them by content hash, so pages serve them from the
/// catalog's own origin and a figure outlives its host. Only images are kept, judged by their first bytes (a server's
/// Content-Type is not trusted), and only whole ones: a body past the byte cap is refused, not stored cut.
/// </summary>
public sealed class FigureKeeper(CatalogDbContext db, LinkFetcher fetcher, TimeProvider clock, IEnumerable<ICatalogChangeListener> listeners, ILogger<FigureKeeper> logger)
{
    /// <summary>Fetches every figure not kept yet; returns how many were stored.</summary>
    public async Task<int> KeepAsync(CancellationToken ct)
    {
        var kept = db.StoredFigures.Select(f => f.Src);
        var wanted = (await db.Images.Select(i => i.Src).Where(src => !kept.Contains(src)).Distinct().ToListAsync(ct))
            .Where(src => Urls.SchemeOf(src) is "http" or "https" && Uri.IsWellFormedUriString(src, UriKind.Absolute))
            .ToList();
        var fetched = await Task.WhenAll(wanted.Select(async src => (Src: src, Result: await fetcher.GetAsync(new Uri(src), ct))));
        var stored = 0;
        var now = clock.GetUtcNow();
        foreach (var (src, result) in fetched)
        {
            var type = result.HttpStatus is >= 200 and < 300 && !result.Truncated && result.Body is { } body ? ImageType.Of(body) : null;
            if (type is null)
            {
                logger.LogInformation("Figure {Src} not kept: {Reason}", src, result.Error ?? (result.Truncated ? "over the byte cap" : $"HTTP {result.HttpStatus}, or not an image"));
                continue;
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(result.Body!));
            if (!await db.FigureBlobs.AnyAsync(b => b.Sha256 == hash, ct) && !db.FigureBlobs.Local.Any(b => b.Sha256 == hash))
            {
                db.FigureBlobs.Add(new FigureBlob { Sha256 = hash, ContentType = type, Content = result.Body! });
            }

            db.StoredFigures.Add(new StoredFigure { Src = src, Sha256 = hash, FetchedAt = now });
            stored++;
        }

        if (stored > 0)
        {
            // Pages are cached per catalog version: moving it on makes them point at the kept copies.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await db.Database.ExecuteSqlAsync($"""UPDATE "CatalogState" SET "Version" = "Version" + 1, "UpdatedAt" = {now} WHERE "Id" = 1""", ct);
            await transaction.CommitAsync(ct);
            foreach (var listener in listeners)
            {
                await listener.CatalogChangedAsync(ct);
            }
        }

        logger.LogInformation("Kept {Stored} of {Wanted} new figures", stored, wanted.Count);
        return stored;
    }
}

/// <summary>Tells an image by its first bytes; anything else (HTML error pages, SVG with script) is not a figure.</summary>
public static class ImageType
{
    public static string? Of(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "image/gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };
}
