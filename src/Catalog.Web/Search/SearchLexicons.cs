using System.Data.Common;
using Catalog.Web.Search.Postings;
using Catalog.Web.Web;

namespace Catalog.Web.Search;

/// <summary>
/// The <see cref="Lexicon"/>, the <see cref="SameWork"/> table, the <see cref="LinkCards"/> and the in-memory
/// <see cref="SearchPostings"/> (SQLite only) of the catalog's current version, read once after
/// each import or metadata save (the first search that sees a new version reads them; searches meanwhile wait for that
/// one read rather than each starting their own).
/// </summary>
public sealed class SearchLexicons(CatalogVersion version) : IDisposable
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly IndexTokenizer _tokenizer = new();
    private volatile Entry? _current;

    public async Task<Lexicon> GetAsync(DbConnection connection, CancellationToken ct) => (await CurrentAsync(_ => Task.FromResult(connection), ct)).Lexicon;

    /// <summary>The catalog version of the lexicon read last; null before the first read.</summary>
    public long? ReadVersion => _current?.Version;

    /// <summary>What one search reads of the current version, all of one version; <paramref name="open"/> is asked for a connection only to read a new version.</summary>
    internal async Task<Entry> CurrentAsync(Func<CancellationToken, Task<DbConnection>> open, CancellationToken ct)
    {
        var wanted = version.Current.Version;
        if (_current is { } known && known.Version == wanted)
        {
            return known;
        }

        await _reading.WaitAsync(ct);
        try
        {
            if (_current is { } read && read.Version == wanted)
            {
                return read;
            }

            var connection = await open(ct);
            var postings = await SearchPostings.ReadAsync(connection, _tokenizer, ct);

            // The cards' pass over every mention also finds the labels that end with a site's name, for the lexicon.
            var sites = new List<(string Url, string Name, string Host)>();
            var cards = await LinkCards.ReadAsync(connection, ct, (url, label) =>
            {
                if (SiteNames.Find(label, url) is { } site)
                {
                    sites.Add((url, site.Name, site.Host));
                }
            });
            var entry = new Entry(wanted, await Lexicon.ReadAsync(connection, sites, ct), await SameWork.ReadAsync(connection, postings, ct), cards, postings);
            _current = entry;
            return entry;
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose()
    {
        _reading.Dispose();
        _tokenizer.Dispose();
    }

    internal sealed record Entry(long Version, Lexicon Lexicon, SameWork Works, LinkCards Cards, SearchPostings? Postings);
}
