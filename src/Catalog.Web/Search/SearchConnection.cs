using System.Data.Common;
using Catalog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Search;

/// <summary>
/// A search's database connection, opened at its first query: a search the catalog version's memory answers whole
/// (<see cref="SearchLexicons"/>) opens none, and so begins no read snapshot (Operations/ReadSnapshots.cs). Opening
/// the connection and beginning and ending the snapshot were a sixth of a lexical search's CPU at the 200x catalog.
/// </summary>
internal sealed class SearchConnection
{
    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private Task<DbConnection>? _opened;

    private SearchConnection(Func<CancellationToken, Task<DbConnection>> open, ISearchDialect sql) => (_open, Sql) = (open, sql);

    /// <summary>The database's SQL, known without opening.</summary>
    public ISearchDialect Sql { get; }

    /// <summary>The context's connection (in a request, the read snapshot's), opened when first asked for.</summary>
    public static SearchConnection Of(CatalogDbContext db) =>
        new(db.OpenConnectionAsync, ISearchDialect.Of(db.Database.GetDbConnection()));

    public Task<DbConnection> OpenAsync(CancellationToken ct) => _opened ??= _open(ct);
}
