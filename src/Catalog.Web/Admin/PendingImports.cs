using System.Security.Cryptography;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Admin;

/// <summary>
/// Files previewed on the import page, kept in the database (<see cref="PendingImportRow"/>) until applied, so Apply
/// imports exactly the bytes that were previewed whatever happens to the upload or the seeds folder meanwhile, on
/// whichever instance the Apply reaches. Each is named by a random token that the preview form carries. Nothing is
/// written to the catalog for a preview. At most <paramref name="maxPreviews"/> previews and
/// <paramref name="maxBytes"/> bytes are kept: a new preview evicts the oldest (whose Apply then says the preview is
/// gone). The content may be an unpublished draft: it is as protected as the rest of the database.
/// </summary>
public sealed class PendingImports(CatalogDbContext db, CatalogDatabase database, TimeProvider clock, int maxPreviews = PendingImports.MaxPreviews, long maxBytes = PendingImports.MaxBytes)
{
    /// <summary>How long a preview can wait to be applied.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(1);

    public const int MaxPreviews = 20;

    public const long MaxBytes = 100 * 1024 * 1024;

    /// <summary>
    /// Keeps the file and returns its token: one short write transaction that drops expired and evicted previews and
    /// inserts this one. Plain SQL, not the change tracker: the page's context may track rows of its own.
    /// </summary>
    /// <exception cref="ImportBusyException">An import held the database's write lock past its wait (SQLite's busy timeout).</exception>
    public async Task<string> SaveAsync(SeedFile file, string? user, CancellationToken ct)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow();
        var cutoff = now - Keep;
        long size = file.Content.Length;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "PendingImports" WHERE "CreatedAt" < {cutoff}""", ct);
            var evicted = await EvictedToFitAsync(size, ct);
            if (evicted.Count > 0)
            {
                await db.PendingImports.Where(p => evicted.Contains(p.Token)).ExecuteDeleteAsync(ct);
            }

            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "PendingImports" ("Token", "Name", "Content", "Size", "CreatedAt", "User")
                VALUES ({token}, {file.Name}, {file.Content}, {size}, {now}, {user})
                """, ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (database.Dialect.IsImportBusy(e))
        {
            // An import holds the write lock (on SQLite, the file's only one).
            throw new ImportBusyException(file.Name, e);
        }

        return token;
    }

    /// <summary>The oldest previews to drop so that one more of this size fits both caps.</summary>
    private async Task<List<string>> EvictedToFitAsync(long bytes, CancellationToken ct)
    {
        var kept = await db.PendingImports.AsNoTracking()
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Token)
            .Select(p => new { p.Token, p.Size })
            .ToListAsync(ct);
        var evicted = new List<string>();
        var count = 1;
        var total = bytes;
        foreach (var preview in kept)
        {
            if (count < maxPreviews && total + preview.Size <= maxBytes)
            {
                count++;
                total += preview.Size;
            }
            else
            {
                evicted.Add(preview.Token);
            }
        }

        return evicted;
    }

    /// <returns>The previewed file, or null when the token is unknown, evicted or expired.</returns>
    public async Task<SeedFile?> LoadAsync(string? token, CancellationToken ct)
    {
        if (!IsToken(token))
        {
            return null;
        }

        var row = await db.PendingImports.AsNoTracking()
            .Where(p => p.Token == token)
            .Select(p => new { p.Name, p.Content, p.CreatedAt })
            .SingleOrDefaultAsync(ct);
        return row is not null && row.CreatedAt >= clock.GetUtcNow() - Keep ? new SeedFile(row.Name, row.Content) : null;
    }

    public async Task RemoveAsync(string token, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "PendingImports" WHERE "Token" = {token}""", ct);

    // Only the 32 hex digits this class makes are looked up.
    private static bool IsToken([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? token) =>
        token is { Length: 32 } && token.All(char.IsAsciiHexDigitLower);
}
