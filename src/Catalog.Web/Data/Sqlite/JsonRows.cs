using System.Buffers;
using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Catalog.Web.Data.Sqlite;

/// <summary>
/// Inserts many rows with one statement: the rows travel as one JSON array of arrays, which the statement unpacks
/// with <c>json_each</c> (<c>SELECT value->>0, value->>1 ... FROM json_each(CAST(@rows AS TEXT))</c>), instead of
/// binding a prepared command once per row, which was slower (tests/Catalog.Benchmarks/README.md, "Changes made for
/// the targets", the <c>json_each</c> row). Rows are sent in batches of about <see cref="BatchBytes"/> of JSON; call <see cref="FlushAsync"/> at the end.
/// </summary>
public sealed class JsonRows : IBulkRows
{
    public const int BatchBytes = 1024 * 1024;

    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly DbCommand _command;
    private readonly ArrayBufferWriter<byte> _buffer = new(BatchBytes + 64 * 1024);
    private readonly Utf8JsonWriter _writer;
    private int _rows;

    /// <param name="sql">One statement that reads the batch from <c>json_each(CAST(@rows AS TEXT))</c>.</param>
    public JsonRows(DbConnection connection, DbTransaction transaction, string sql)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        var parameter = _command.CreateParameter();
        // Without a prefix Microsoft.Data.Sqlite binds it to @rows, $rows or :rows in the statement.
        parameter.ParameterName = "rows";
        _command.Parameters.Add(parameter);
        _writer = new Utf8JsonWriter(_buffer, s_options);
        _writer.WriteStartArray();
    }

    /// <summary>Rows for the named columns of a table.</summary>
    public static JsonRows Insert(DbConnection connection, DbTransaction transaction, string table, params string[] columns) =>
        new(connection, transaction, $"""
            INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
            SELECT {string.Join(", ", columns.Select((_, i) => $"value->>{i}"))} FROM json_each(CAST(@rows AS TEXT))
            """);

    /// <summary>Starts a row; write its values with <see cref="Value(string?)"/> and the other overloads, in column order.</summary>
    public IBulkRows Row()
    {
        if (_rows > 0)
        {
            _writer.WriteEndArray();
        }

        _rows++;
        _writer.WriteStartArray();
        return this;
    }

    public IBulkRows Value(string? value)
    {
        if (value is null)
        {
            _writer.WriteNullValue();
        }
        else
        {
            _writer.WriteStringValue(value);
        }

        return this;
    }

    public IBulkRows Value(long value)
    {
        _writer.WriteNumberValue(value);
        return this;
    }

    public IBulkRows Value(long? value) => value is { } v ? Value(v) : Value((string?)null);

    /// <summary>Sends the batch when it is full; call after each row.</summary>
    public async Task FlushIfFullAsync(CancellationToken ct)
    {
        if (_writer.BytesPending + _buffer.WrittenCount >= BatchBytes)
        {
            await FlushAsync(ct);
        }
    }

    /// <summary>Sends the rows written so far.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_rows == 0)
        {
            return;
        }

        _writer.WriteEndArray();
        _writer.WriteEndArray();
        _writer.Flush();

        // The UTF-8 bytes as they are (a string would be decoded here and encoded again to bind it); the statement
        // casts them to text, since SQLite reads a blob argument to json_each as its binary JSONB format.
        _command.Parameters[0].Value = _buffer.WrittenSpan.ToArray();
        await _command.ExecuteNonQueryAsync(ct);

        _buffer.ResetWrittenCount();
        _writer.Reset();
        _writer.WriteStartArray();
        _rows = 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _command.DisposeAsync();
    }
}
