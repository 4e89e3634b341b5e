using System.Diagnostics;
using System.Globalization;
using Catalog.Benchmarks.Runner;
using Catalog.Web.Search.Postings;
using Microsoft.Data.Sqlite;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>bm25-memory [--scale N]</c>: what the in-memory postings save on the search's floor, FTS5's bm25 over every
/// matching document (issue 18's latency targets). On the synthetic catalog imported with the CLI: the postings read
/// back from the FTS5 index as the app reads them (<see cref="SearchPostings"/>), then the top 20 links by bm25 for
/// the catalog's commonest terms, terms from the middle of the vocabulary and pairs of them joined by OR, in memory
/// and by FTS5 (<c>ORDER BY rank LIMIT 20</c>), and whether the two agree, order included.
/// </summary>
public static class Bm25MemoryVerb
{
    private const int Top = 20;
    private const int TermsPerKind = 10;

    public static async Task<int> RunAsync(Options options)
    {
        var (run, database) = await SyntheticCatalog.PrepareAsync(options, "bm25");
        if (database is null)
        {
            return 1;
        }

        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var tokenizer = new IndexTokenizer();
        run.Log("reading the postings");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var loading = Stopwatch.StartNew();
        var index = (await SearchPostings.ReadAsync(connection, tokenizer, CancellationToken.None))!;
        var loaded = loading.Elapsed;
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        List<long> InMemory(IReadOnlyList<string> terms) => [.. index.Evaluate(Quoted(terms))!.Best(Top, links: true).Select(b => b.RowId)];

        var (common, middle) = Terms(connection);
        var pairs = common.Zip(middle, (a, b) => new[] { a, b }).ToList();
        var figures = new List<Figure>
        {
            new($"{run.Scale}x: postings read from the FTS5 index (fts5vocab)",
                string.Create(CultureInfo.InvariantCulture, $"{loaded.TotalSeconds:F1} s, {index.Terms:N0} terms, {index.Count:N0} postings, {Format.Megabytes(held)} managed")),
        };
        var agreeing = 0;
        foreach (var (kind, queries) in new[] { ("the commonest terms", common.Select(t => new[] { t }).ToList()), ("terms from the middle of the vocabulary", middle.Select(t => new[] { t }).ToList()), ("pairs of them joined by OR", pairs) })
        {
            var memory = new List<double>();
            var fts5 = new List<double>();
            foreach (var terms in queries)
            {
                var expected = Fts5Top(connection, terms);
                agreeing += InMemory(terms).SequenceEqual(expected) ? 1 : 0;
                memory.Add(Median(() => InMemory(terms), 21));
                fts5.Add(Median(() => Fts5Top(connection, terms), 5));
            }

            var inMemory = Stats.Median(memory);
            var sqlite = Stats.Median(fts5);
            figures.Add(new Figure($"top {Top} links by bm25, {kind} ({queries.Count} queries): in memory / FTS5, median of the queries' medians",
                Format.Ms(inMemory), Format.Ms(sqlite), string.Create(CultureInfo.InvariantCulture, $"{sqlite / inMemory:F0}x faster")));
        }

        var total = 3 * TermsPerKind;
        figures.Add(new Figure($"the same top {Top} as FTS5, order included", $"{agreeing} of {total} queries", Met: agreeing == total));
        Console.WriteLine(ResultsReport.ToMarkdown($"dotnet run -c Release --project tests/Catalog.Benchmarks -- bm25-memory --scale {run.Scale}",
            await MachineFacts.CollectAsync(run.Paths), figures, []));
        return agreeing == total ? 0 : 1;
    }

    // Terms FTS5 finds as they are spelt (a stem that the stemmer would shorten again is left out): the commonest in
    // links, and as many from the middle of the list by document count.
    private static (List<string> Common, List<string> Middle) Terms(SqliteConnection connection)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_rows USING fts5vocab(main, 'search_index', 'row')";
            create.ExecuteNonQuery();
        }

        var terms = new List<(string Term, long Documents)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT term, doc FROM temp.search_rows WHERE term GLOB '[a-z][a-z][a-z]*' AND term NOT GLOB '*[^a-z]*' ORDER BY doc DESC, term";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                terms.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        // Lazily: each check is a count over the term's whole doclist, and only twenty terms are wanted.
        IEnumerable<string> Kept(IEnumerable<(string Term, long Documents)> from) =>
            from.Where(t => Fts5Count(connection, t.Term) == t.Documents).Select(t => t.Term).Take(TermsPerKind);
        return ([.. Kept(terms)], [.. Kept(terms.Skip(terms.Count / 2))]);
    }

    private static long Fts5Count(SqliteConnection connection, string term)
    {
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM search_index WHERE search_index MATCH $match";
        count.Parameters.AddWithValue("$match", Quoted([term]));
        return (long)count.ExecuteScalar()!;
    }

    private static List<long> Fts5Top(SqliteConnection connection, IReadOnlyList<string> terms)
    {
        using var top = connection.CreateCommand();
        top.CommandText = "SELECT rowid FROM search_index WHERE search_index MATCH $match AND rowid > 0 ORDER BY rank LIMIT $limit";
        top.Parameters.AddWithValue("$match", Quoted(terms));
        top.Parameters.AddWithValue("$limit", Top);
        var rowids = new List<long>();
        using var reader = top.ExecuteReader();
        while (reader.Read())
        {
            rowids.Add(reader.GetInt64(0));
        }

        return rowids;
    }

    private static string Quoted(IEnumerable<string> terms) => string.Join(" OR ", terms.Select(t => "\"" + t + "\""));

    private static double Median(Action work, int repeats)
    {
        work();
        var times = new List<double>(repeats);
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return Stats.Median(times);
    }
}
