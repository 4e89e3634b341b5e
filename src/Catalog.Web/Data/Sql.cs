using System.Data.Common;
using System.Globalization;

namespace Catalog.Web.Data;

/// <summary>
/// Parameterized SQL for the code that works below EF Core: FTS5 MATCH, rank and snippet() have no LINQ form, and the
/// import runs without EF (<see cref="CatalogDatabase"/>). Parameters are named in the statement (<c>@name</c>, which
/// both providers take) and given as pairs.
/// </summary>
internal static class Sql
{
    public static DbCommand Command(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        Command(connection, null, sql, parameters);

    public static Task<List<T>> ListAsync<T>(
        this DbConnection connection, string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        ListAsync(Command(connection, null, sql, parameters), read, ct);

    /// <summary>The first column of the first row as a number; 0 when there is none.</summary>
    public static async Task<long> ScalarAsync(this DbConnection connection, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        await ScalarAsync(Command(connection, null, sql, parameters), ct) ?? 0;

    public static Task<List<T>> ListAsync<T>(
        this DbTransaction transaction, string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        ListAsync(Command(transaction.Connection!, transaction, sql, parameters), read, ct);

    /// <summary>The first column of the first row as a number; null when there is none.</summary>
    public static Task<long?> ScalarAsync(this DbTransaction transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        ScalarAsync(Command(transaction.Connection!, transaction, sql, parameters), ct);

    /// <summary>Runs <paramref name="row"/> on each row, in order, without gathering them.</summary>
    public static async Task ForEachAsync(this DbTransaction transaction, string sql, Action<DbDataReader> row, CancellationToken ct)
    {
        await using var command = Command(transaction.Connection!, transaction, sql, []);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            row(reader);
        }
    }

    /// <summary>A text key and its row id, in a dictionary: how the bulk writers find the rows they just wrote.</summary>
    /// <param name="sql">Selects the key (text) and the id, in that order.</param>
    public static async Task<Dictionary<string, long>> IdsAsync(this DbTransaction transaction, string sql, CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await transaction.ForEachAsync(sql, row => ids[row.GetString(0)] = row.GetInt64(1), ct);
        return ids;
    }

    public static async Task<int> ExecuteAsync(this DbTransaction transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(transaction.Connection!, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The text in column <paramref name="ordinal"/>, or null.</summary>
    public static string? NullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>The value in column <paramref name="ordinal"/> (a number, a date), or null.</summary>
    public static T? NullableValue<T>(this DbDataReader reader, int ordinal)
        where T : struct => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        Web.SqlCommandCounter.CountCommand();

        // Microsoft.Data.Sqlite's command is already in the connection's open transaction (a read snapshot, say).
        var command = connection.CreateCommand();
        command.Transaction = transaction ?? command.Transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<List<T>> ListAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }

    private static async Task<long?> ScalarAsync(DbCommand command, CancellationToken ct)
    {
        await using (command)
        {
            return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;
        }
    }
}
