using System.Data.Common;
using Catalog.Web.Web;

namespace Catalog.Web.Search;

/// <summary>
/// The <see cref="Lexicon"/> of the catalog's current version, read once after each import (the first search that
/// sees a new version reads it; searches meanwhile wait for that one read rather than each starting their own).
/// </summary>
public sealed class SearchLexicons(CatalogVersion version) : IDisposable
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile Entry? _current;

    public async Task<Lexicon> GetAsync(DbConnection connection, CancellationToken ct)
    {
        var wanted = version.Current.Version;
        if (_current is { } known && known.Version == wanted)
        {
            return known.Lexicon;
        }

        await _reading.WaitAsync(ct);
        try
        {
            if (_current is { } read && read.Version == wanted)
            {
                return read.Lexicon;
            }

            var lexicon = await Lexicon.ReadAsync(connection, ct);
            _current = new Entry(wanted, lexicon);
            return lexicon;
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _reading.Dispose();

    private sealed record Entry(long Version, Lexicon Lexicon);
}
