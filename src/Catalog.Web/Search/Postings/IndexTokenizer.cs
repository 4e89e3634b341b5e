using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Catalog.Web.Search.Postings;

/// <summary>
/// The search index's own tokenizer (FTS5's porter over unicode61), run on a private in-memory database: a query's
/// text becomes the very tokens the index holds, stems and all, without a stemmer of our own that could differ from
/// SQLite's. Texts are remembered (a few thousand), so a repeated word costs a lookup.
/// </summary>
public sealed class IndexTokenizer : IDisposable
{
    /// <summary>The tokenizer of <c>search_index</c> (the SearchIndexWithoutPrefixIndexes migration).</summary>
    public const string Tokenize = "porter unicode61 remove_diacritics 2";

    private const int Remembered = 4096;

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _read;
    private readonly SqliteCommand _clear;
    private readonly ConcurrentDictionary<string, string[]> _known = new(StringComparer.Ordinal);

    public IndexTokenizer()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = $"""
                CREATE VIRTUAL TABLE text USING fts5(value, tokenize = '{Tokenize}');
                CREATE VIRTUAL TABLE text_tokens USING fts5vocab(text, instance);
                """;
            create.ExecuteNonQuery();
        }

        _insert = Command("INSERT INTO text (rowid, value) VALUES (1, @value)");
        _insert.Parameters.Add("@value", SqliteType.Text);
        _read = Command("SELECT term FROM text_tokens ORDER BY offset");
        _clear = Command("DELETE FROM text");
    }

    /// <summary>The index's tokens of <paramref name="text"/>, in order.</summary>
    public string[] Tokens(string text)
    {
        if (_known.TryGetValue(text, out var known))
        {
            return known;
        }

        string[] tokens;
        lock (_gate)
        {
            _insert.Parameters[0].Value = text;
            _insert.ExecuteNonQuery();
            using (var reader = _read.ExecuteReader())
            {
                var list = new List<string>();
                while (reader.Read())
                {
                    list.Add(reader.GetString(0));
                }

                tokens = [.. list];
            }

            _clear.ExecuteNonQuery();
        }

        if (_known.Count >= Remembered)
        {
            _known.Clear();
        }

        _known[text] = tokens;
        return tokens;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _insert.Dispose();
            _read.Dispose();
            _clear.Dispose();
            _connection.Dispose();
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Prepare();
        return command;
    }
}
