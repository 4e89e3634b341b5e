using System.Security.Cryptography;
using Catalog.Web.Import;

namespace Catalog.Web.Admin;

/// <summary>
/// Files previewed on the import page, kept on disk beside the database until applied, so Apply imports exactly the
/// bytes that were previewed whatever happens to the upload or the seeds folder meanwhile. Each is named by a random
/// token that the preview form carries. Nothing is written to the catalog for a preview.
/// </summary>
public sealed class PendingImports(string folder, TimeProvider clock)
{
    /// <summary>How long a preview can wait to be applied.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(1);

    public string Folder => folder;

    public async Task<string> SaveAsync(SeedFile file, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        RemoveExpired();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await File.WriteAllTextAsync(NamePath(token), file.Name, ct);
        await File.WriteAllBytesAsync(ContentPath(token), file.Content, ct);
        return token;
    }

    /// <returns>The previewed file, or null when the token is unknown or expired.</returns>
    public async Task<SeedFile?> LoadAsync(string? token, CancellationToken ct)
    {
        if (!IsToken(token) || !File.Exists(NamePath(token)) || !File.Exists(ContentPath(token)))
        {
            return null;
        }

        return new SeedFile(await File.ReadAllTextAsync(NamePath(token), ct), await File.ReadAllBytesAsync(ContentPath(token), ct));
    }

    public void Remove(string token)
    {
        if (IsToken(token))
        {
            File.Delete(NamePath(token));
            File.Delete(ContentPath(token));
        }
    }

    private void RemoveExpired()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Keep;
        foreach (var path in Directory.EnumerateFiles(folder).Where(p => File.GetLastWriteTimeUtc(p) < cutoff))
        {
            File.Delete(path);
        }
    }

    // The token names files: only the 32 hex digits this class makes are accepted, never a path.
    private static bool IsToken([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? token) =>
        token is { Length: 32 } && token.All(char.IsAsciiHexDigitLower);

    private string NamePath(string token) => Path.Combine(folder, token + ".name");

    private string ContentPath(string token) => Path.Combine(folder, token + ".md");
}
