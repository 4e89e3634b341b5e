using System.Diagnostics;
using Catalog.Web.Search;
using Microsoft.Data.Sqlite;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// The search floor: the same queries straight against the FTS5 table of the same database, one client, no HTTP, no
/// app: the top 20 links by the index's bm25 rank with a snippet, and the total count. The app's latency minus this is the app's overhead.
/// </summary>
public static class RawFts
{
    private const string TopSql = """
        SELECT rowid, snippet(search_index, -1, '<mark>', '</mark>', '…', 16)
        FROM search_index WHERE search_index MATCH $q AND rowid > 0
        ORDER BY rank LIMIT 20
        """;

    private const string CountSql = "SELECT count(*) FROM search_index WHERE search_index MATCH $q AND rowid > 0";

    /// <summary>Percentiles over all executions, and the slowest queries by their median.</summary>
    public static (double P50Ms, double P99Ms, string Slowest) Measure(string database, IReadOnlyList<string> queries, int rounds)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var top = Command(connection, TopSql);
        using var count = Command(connection, CountSql);
        foreach (var query in queries)
        {
            Run(top, count, query);
        }

        var samples = queries.ToDictionary(q => q, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var query in queries)
            {
                var clock = Stopwatch.StartNew();
                Run(top, count, query);
                samples[query].Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var all = samples.Values.SelectMany(s => s).ToList();
        var slowest = string.Join(", ", samples.OrderByDescending(s => Stats.Median(s.Value)).Take(3)
            .Select(s => $"\"{s.Key}\" {Format.Ms(Stats.Median(s.Value))}"));
        return (Stats.Percentile(all, 50), Stats.Percentile(all, 99), slowest);
    }

    /// <summary>Each word a quoted FTS5 string (all must match); CJK words are segmented as the index is, so they match as phrases.</summary>
    public static string MatchExpression(string query) =>
        string.Join(' ', query.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => "\"" + SearchText.Segment(word).Trim().Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("$q", SqliteType.Text);
        return command;
    }

    private static void Run(SqliteCommand top, SqliteCommand count, string query)
    {
        top.Parameters[0].Value = count.Parameters[0].Value = MatchExpression(query);
        using (var reader = top.ExecuteReader())
        {
            while (reader.Read())
            {
                _ = reader.GetString(1);
            }
        }

        _ = count.ExecuteScalar();
    }
}
