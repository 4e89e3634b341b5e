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
    private readonly PerVersion<Entry> _current = new(version);
    private readonly IndexTokenizer _tokenizer = new();

    public async Task<Lexicon> GetAsync(DbConnection connection, CancellationToken ct) => (await CurrentAsync(_ => Task.FromResult(connection), ct)).Lexicon;

    /// <summary>The catalog version of the lexicon read last; null before the first read.</summary>
    public long? ReadVersion => _current.ReadVersion;

    /// <summary>What one search reads of the current version, all of one version; <paramref name="open"/> is asked for a connection only to read a new version.</summary>
    internal Task<Entry> CurrentAsync(Func<CancellationToken, Task<DbConnection>> open, CancellationToken ct) =>
        _current.GetAsync(async (_, ct) =>
        {
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
            return new Entry(await Lexicon.ReadAsync(connection, sites, ct), await SameWork.ReadAsync(connection, postings, ct), cards, postings);
        }, ct);

    public void Dispose()
    {
        _current.Dispose();
        _tokenizer.Dispose();
    }

    internal sealed record Entry(Lexicon Lexicon, SameWork Works, LinkCards Cards, SearchPostings? Postings);
}
