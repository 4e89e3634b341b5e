using Catalog.Web.Data;
using Catalog.Web.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Data;

/// <summary>Rows sent through one JSON parameter arrive in SQLite exactly as written, however many batches they take.</summary>
public sealed class JsonRowsTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public async ValueTask InitializeAsync()
    {
        await _connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT NULL, number INTEGER NULL)";
        await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    [Theory]
    [InlineData("plain words")]
    [InlineData("quotes \" and 'apostrophes', a back\\slash, a / slash")]
    [InlineData("line\nbreaks\r\nand\ttabs")]
    [InlineData("control \u0001\u001f and NUL-free separators \u2028\u2029")]
    [InlineData("中文 深度学习的理论 · 知乎")]
    [InlineData("emoji 🧠 and a math $\\sum_{i} x_i$")]
    [InlineData("private use \uE000mark\uE001 and zero width \u200B")]
    [InlineData("")]
    public async Task TextRoundTrips(string text)
    {
        await InsertAsync([(1, text, 42)]);

        Assert.Equal([(1L, (string?)text, (long?)42)], await RowsAsync());
    }

    [Fact]
    public async Task NullsStayNull()
    {
        await InsertAsync([(1, null, null)]);

        Assert.Equal([(1L, (string?)null, (long?)null)], await RowsAsync());
    }

    [Fact]
    public async Task RowsBeyondOneBatchAllArriveInOrder()
    {
        var text = new string('x', 1000) + "深";
        var rows = Enumerable.Range(1, 3 * JsonRows.BatchBytes / 1000).Select(i => ((long)i, (string?)(text + i), (long?)i)).ToList();

        await InsertAsync(rows);

        Assert.Equal(rows, await RowsAsync());
    }

    [Fact]
    public async Task RowsNotFlushedAreNotWritten()
    {
        await using (var rows = new JsonRows(_connection, null!, Sql))
        {
            rows.Row().Value(1).Value("never sent").Value(1);
        }

        Assert.Empty(await RowsAsync());
    }

    private const string Sql = "INSERT INTO t (id, text, number) SELECT value->>0, value->>1, value->>2 FROM json_each(CAST($rows AS TEXT))";

    private async Task InsertAsync(IEnumerable<(long Id, string? Text, long? Number)> values)
    {
        await using var transaction = await _connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var rows = new JsonRows(_connection, transaction, Sql))
        {
            foreach (var (id, text, number) in values)
            {
                rows.Row().Value(id).Value(text).Value(number);
                await rows.FlushIfFullAsync(TestContext.Current.CancellationToken);
            }

            await rows.FlushAsync(TestContext.Current.CancellationToken);
        }

        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    }

    private async Task<List<(long, string?, long?)>> RowsAsync()
    {
        await using var select = _connection.CreateCommand();
        select.CommandText = "SELECT id, text, number FROM t ORDER BY id";
        await using var reader = await select.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<(long, string?, long?)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
        }

        return rows;
    }
}
