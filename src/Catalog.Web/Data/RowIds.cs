using System.Data.Common;

namespace Catalog.Web.Data;

/// <summary>A text key and its row id, read into a dictionary: how the bulk writers find the rows they just wrote.</summary>
internal static class RowIds
{
    /// <param name="sql">Selects the key (text) and the id, in that order.</param>
    public static async Task<Dictionary<string, long>> ReadAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids[reader.GetString(0)] = reader.GetInt64(1);
        }

        return ids;
    }
}
