using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Export;

/// <summary>
/// A source written back as a seed file. The catalog keeps the exact bytes of every file it applied
/// (<see cref="SeedBlob"/>), so the export is the file its current topics were built from: re-importing it changes
/// nothing, and a curator's edit of it is a small diff upstream, not a rewrite of the whole list.
/// </summary>
public static class SeedExport
{
    /// <param name="resolved">
    /// Bare URLs labelled with their fetched titles and dead links replaced by archived copies. The catalog keeps
    /// neither yet (link metadata and link health come later): until then the flag is accepted and changes nothing.
    /// </param>
    /// <returns>Null when the catalog has no source of that name.</returns>
    public static async Task<byte[]?> WriteAsync(CatalogDbContext db, string sourceName, bool resolved, CancellationToken ct)
    {
        _ = resolved;
        var sha256 = await db.Sources.AsNoTracking().Where(s => s.Name == sourceName).Select(s => s.Sha256).SingleOrDefaultAsync(ct);
        if (sha256 is null)
        {
            return null;
        }

        return await db.SeedBlobs.AsNoTracking().Where(b => b.Sha256 == sha256).Select(b => b.Content).SingleOrDefaultAsync(ct);
    }

    /// <summary>The names of the sources that can be exported, in import order.</summary>
    public static Task<List<string>> SourcesAsync(CatalogDbContext db, CancellationToken ct) =>
        db.Sources.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Name).ToListAsync(ct);
}
