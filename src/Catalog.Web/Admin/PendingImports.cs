using System.Security.Cryptography;
using Catalog.Web.Import;

namespace Catalog.Web.Admin;

/// <summary>
/// Files previewed on the import page, kept on disk beside the database until applied, so Apply imports exactly the
/// bytes that were previewed whatever happens to the upload or the seeds folder meanwhile. Each is named by a random
/// token that the preview form carries. Nothing is written to the catalog for a preview. The folder holds at most
/// <paramref name="maxPreviews"/> previews and <paramref name="maxBytes"/> bytes: a new preview evicts the oldest (whose
/// Apply then says the preview is gone). Files are readable by the app's user only: they may be unpublished drafts.
/// </summary>
public sealed class PendingImports(string folder, TimeProvider clock, int maxPreviews = PendingImports.MaxPreviews, long maxBytes = PendingImports.MaxBytes)
{
    /// <summary>How long a preview can wait to be applied.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(1);

    public const int MaxPreviews = 20;

    public const long MaxBytes = 100 * 1024 * 1024;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Folder => folder;

    public async Task<string> SaveAsync(SeedFile file, CancellationToken ct)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnly | UnixFileMode.UserExecute);
        }

        RemoveExpired();
        MakeRoomFor(file.Content.Length);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await WriteAsync(NamePath(token), System.Text.Encoding.UTF8.GetBytes(file.Name), ct);
        await WriteAsync(ContentPath(token), file.Content, ct);
        return token;
    }

    private static async Task WriteAsync(string path, byte[] bytes, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(bytes, ct);
    }

    /// <summary>Evicts the oldest previews until one more of this size fits both caps.</summary>
    private void MakeRoomFor(long bytes)
    {
        var previews = new DirectoryInfo(folder).EnumerateFiles("*.md")
            .Where(f => IsToken(Path.GetFileNameWithoutExtension(f.Name)))
            .OrderBy(f => f.LastWriteTimeUtc)
            .ToList();
        var count = previews.Count;
        var total = previews.Sum(f => f.Length);
        foreach (var oldest in previews)
        {
            if (count < maxPreviews && total + bytes <= maxBytes)
            {
                break;
            }

            Remove(Path.GetFileNameWithoutExtension(oldest.Name));
            count--;
            total -= oldest.Length;
        }
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
