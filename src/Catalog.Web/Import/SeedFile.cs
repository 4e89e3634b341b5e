using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Catalog.Web.Import;

/// <summary>A seed file that cannot be imported; <see cref="Exception.Message"/> is the one-line reason shown to people.</summary>
public sealed class SeedFileException(string message) : Exception(message);

/// <summary>The bytes of one seed file, checked: not empty, not binary, valid UTF-8, within the size limit.</summary>
public sealed record SeedFile(string Name, byte[] Content)
{
    private static readonly SearchValues<byte> s_whiteSpace = SearchValues.Create(" \t\r\n\f\v"u8);

    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Content));

    public static Task<SeedFile> ReadAsync(string path, CancellationToken ct) => ReadAsync(path, long.MaxValue, ct);

    /// <param name="maxBytes">
    /// The size limit (<see cref="CatalogOptions.MaxSeedBytes"/>), checked against the file's length before a byte is
    /// read: a file of gigabytes must not be read into memory only to be refused.
    /// </param>
    public static async Task<SeedFile> ReadAsync(string path, long maxBytes, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new SeedFileException($"{path}: no such file.");
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        if (stream.Length > maxBytes)
        {
            throw new SeedFileException($"{Path.GetFileName(path)}: {stream.Length:N0} bytes is over the size limit of {maxBytes:N0} bytes.");
        }

        // The length read above bounds the buffer; a file that grew since is cut there and refused as over the limit.
        var content = new byte[stream.Length];
        await stream.ReadExactlyAsync(content, ct);
        return stream.ReadByte() < 0 ? new SeedFile(Path.GetFileName(path), content)
            : throw new SeedFileException($"{Path.GetFileName(path)}: the file changed while it was read; try again.");
    }

    /// <summary>The text of the file, or a <see cref="SeedFileException"/> that says what is wrong and where.</summary>
    public string Decode(long maxBytes)
    {
        if (!Name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !Name.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase))
        {
            throw new SeedFileException($"{Name}: only markdown files (.md) can be imported.");
        }

        if (Content.Length > maxBytes)
        {
            throw new SeedFileException($"{Name}: {Content.Length:N0} bytes is over the size limit of {maxBytes:N0} bytes.");
        }

        if (IsBlank(Content))
        {
            throw new SeedFileException($"{Name}: the file is empty.");
        }

        if (LooksBinary(Content))
        {
            throw new SeedFileException($"{Name}: the file looks binary (it has many NUL or control bytes), not markdown text.");
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Content);
        }
        catch (DecoderFallbackException e)
        {
            var (line, column) = LineAndColumn(Content, e.Index);
            throw new SeedFileException($"{Name}: not valid UTF-8 at byte {e.Index:N0} (line {line}, column {column}).");
        }
    }

    // Nothing but a byte order mark and white space.
    private static bool IsBlank(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        return content.IndexOfAnyExcept(s_whiteSpace) < 0;
    }

    // A few stray NULs are tolerated (the parser replaces them); text with many control bytes is not markdown.
    private static bool LooksBinary(byte[] content)
    {
        var sample = content.AsSpan(0, Math.Min(content.Length, 8192));
        var control = 0;
        foreach (var b in sample)
        {
            if (b < 0x09 || b is > 0x0D and < 0x20)
            {
                control++;
            }
        }

        return control > sample.Length / 100 + 8;
    }

    private static (int Line, int Column) LineAndColumn(byte[] content, int index)
    {
        index = Math.Clamp(index, 0, content.Length);
        var before = content.AsSpan(0, index);
        var line = before.Count((byte)'\n') + 1;
        var column = index - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return (line, column);
    }
}
