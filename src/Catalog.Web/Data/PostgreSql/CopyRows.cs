using Npgsql;

namespace Catalog.Web.Data.PostgreSql;

/// <summary>
/// PostgreSQL's bulk rows: binary <c>COPY ... FROM STDIN</c>, the fastest way in (no statement per row, no text to
/// parse). A connection runs one COPY at a time and the importer fills several tables row by row, so rows are kept
/// here and each batch is one complete COPY (in the connection's transaction).
/// </summary>
public sealed class CopyRows(NpgsqlConnection connection, string table, string[] columns) : IBulkRows
{
    private const int BatchRows = 20_000;

    private readonly List<object?[]> _rows = [];
    private object?[]? _row;
    private int _column;
    private Type[]? _types;

    public IBulkRows Row()
    {
        _row = new object?[columns.Length];
        _column = 0;
        _rows.Add(_row);
        return this;
    }

    public IBulkRows Value(string? value) => Add(value);

    public IBulkRows Value(long value) => Add(value);

    public IBulkRows Value(long? value) => Add(value);

    public Task FlushIfFullAsync(CancellationToken ct) => _rows.Count >= BatchRows ? FlushAsync(ct) : Task.CompletedTask;

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        // Binary COPY sends each value in its column's exact type (an integer column takes 4 bytes, not a long's 8).
        _types ??= await ColumnTypesAsync(ct);
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in _rows)
            {
                await copy.StartRowAsync(ct);
                for (var i = 0; i < row.Length; i++)
                {
                    await WriteAsync(copy, row[i], _types[i], ct);
                }
            }

            await copy.CompleteAsync(ct);
        }

        _rows.Clear();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private CopyRows Add(object? value)
    {
        _row![_column++] = value;
        return this;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, object? value, Type type, CancellationToken ct) => value switch
    {
        null => copy.WriteNullAsync(ct),
        long number when type == typeof(int) => copy.WriteAsync(checked((int)number), ct),
        long number => copy.WriteAsync(number, ct),
        string text when type == typeof(int) => copy.WriteAsync(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture), ct),
        string text => copy.WriteAsync(text, ct),
        _ => throw new InvalidOperationException($"{value.GetType().Name} is not a bulk row value."),
    };

    private async Task<Type[]> ColumnTypesAsync(CancellationToken ct)
    {
        await using var probe = connection.CreateCommand();
        probe.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" WHERE false";
        await using var reader = await probe.ExecuteReaderAsync(ct);
        return [.. Enumerable.Range(0, columns.Length).Select(reader.GetFieldType)];
    }
}
