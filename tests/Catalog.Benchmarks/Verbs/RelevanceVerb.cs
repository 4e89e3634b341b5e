using Catalog.Benchmarks.Relevance;
using Catalog.Benchmarks.Runner;
using Catalog.Web.Search.Semantic;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>relevance [--details]</c>: imports the seed into a fresh database with the Release CLI, then scores the judged
/// queries of <c>relevance/queries.json</c> against the catalog's search and a Lucene.Net BM25 index built from the
/// same documents in this run. Prints nDCG@10, MRR@10, Recall@10, P@1 and the share of empty answers.
/// <c>--postgres CONNECTION</c> imports into that PostgreSQL database instead and scores lexical search alone (this
/// verb embeds in process on SQLite only, <see cref="CatalogUnderTest.EmbedAsync"/>) against the same baseline.
/// </summary>
public static class RelevanceVerb
{
    public static async Task<int> RunAsync(Options options)
    {
        var paths = RepoPaths.Find();
        var run = new RunContext(paths, quick: true, scale: 1);
        Directory.CreateDirectory(run.WorkFolder);
        var queries = JudgedQuery.Load(Path.Combine(paths.Root, "tests", "Catalog.Benchmarks", "relevance", "queries.json"));

        var postgres = options.Value("--postgres");
        var database = run.WorkPath("relevance.db");
        BenchDatabase.DeleteSqlite(database);

        run.Log($"importing {paths.Seed}");
        using (var import = ChildProcess.Start(paths.AppFolder, run.WorkPath("relevance-import.log"), Environment(database, postgres), ["dotnet", paths.AppDll, "import", paths.Seed]))
        {
            if (await import.WaitForExitAsync(TimeSpan.FromMinutes(5)) != 0)
            {
                Console.Error.WriteLine($"The import failed; see {run.WorkPath("relevance-import.log")} (the verb runs the Release build: dotnet run -c Release)");
                return 1;
            }
        }

        using var catalog = new CatalogUnderTest(database, postgres);
        if (await UnknownUrlsAsync(catalog, queries) is { Count: > 0 } unknown)
        {
            Console.Error.WriteLine("Judged URLs that are not links of the catalog (fix the judgments):\n  " + string.Join("\n  ", unknown));
            return 1;
        }

        using var lucene = new LuceneBaseline(await catalog.DocumentsAsync());
        var systems = new List<(string Name, Func<string, Task<IReadOnlyList<string>>> Search)>
        {
            ("lexical only" + (postgres is null ? "" : " (PostgreSQL)"), q => catalog.SearchAsync(q, Scores.Depth)),
            ("Lucene BM25", q => Task.FromResult(lucene.Search(q, Scores.Depth))),
        };
        var embedding = TimeSpan.Zero;
        if (postgres is null)
        {
            run.Log("embedding every document (all-MiniLM-L6-v2, one thread)");
            embedding = await catalog.EmbedAsync(new SemanticOptions().EmbeddingBatch);
            run.Log($"embedded in {embedding.TotalSeconds:0.0} s");
            systems.Insert(0, ("shipped", q => catalog.SearchAsync(q, Scores.Depth, Fusion.Default)));
            systems.Insert(2, ("semantic only", q => catalog.SemanticOnlyAsync(q, Scores.Depth)));
        }

        if (options.Flag("--sweep"))
        {
            foreach (var k in new[] { 5.0, 10, 30, 60 })
            {
                foreach (var weight in new[] { 0.3, 0.5, 0.7, 1.0 })
                {
                    var fusion = Fusion.Default with { K = k, SemanticWeight = weight };
                    systems.Add(($"k={k} semantic={weight}", q => catalog.SearchAsync(q, Scores.Depth, fusion)));
                }
            }
        }

        var scored = new List<RelevanceReport.SystemScores>();
        var timings = new List<string>();
        var firstAnswers = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (name, search) in systems)
        {
            run.Log($"asking {name}");
            await search(queries[0].Query);
            var perQuery = new List<(JudgedQuery, Scores)>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var query in queries)
            {
                var answer = await search(query.Query);
                firstAnswers.TryAdd(query.Query, answer);
                perQuery.Add((query, Scores.Of(query, answer)));
            }

            scored.Add(new RelevanceReport.SystemScores(name, perQuery));
            timings.Add($"{name} {clock.Elapsed.TotalMilliseconds / queries.Count:0.0} ms");
        }

        var report = RelevanceReport.ToMarkdown(scored, queries);
        if (options.Flag("--details"))
        {
            report += "\n" + RelevanceReport.Details(scored, firstAnswers);
        }

        report += $"\nMean time per query, in process, one client, after one warm-up query (the query's embedding is cached only when asked again): {string.Join("; ", timings)}.\n";
        if (postgres is null)
        {
            report += $"\nEmbedding every document of the seed (one thread, batches of {new SemanticOptions().EmbeddingBatch}): {embedding.TotalSeconds:0.0} s.\n";
        }

        Console.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(paths.Artifacts, postgres is null ? "relevance.md" : "relevance-postgresql.md"), report);
        return 0;
    }

    private static Dictionary<string, string> Environment(string database, string? postgres) => postgres is null
        ? ImportFigures.ImportEnvironment(database)
        : new(ImportFigures.ImportEnvironment(database))
        {
            ["Catalog__Database"] = "PostgreSql",
            ["ConnectionStrings__Catalog"] = postgres,
        };

    private static async Task<List<string>> UnknownUrlsAsync(CatalogUnderTest catalog, IReadOnlyList<JudgedQuery> queries)
    {
        await using var connection = await catalog.OpenAsync();
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Url" FROM "Links" """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            known.Add(reader.GetString(0));
        }

        return queries.SelectMany(q => q.Relevant.Keys).Where(url => !known.Contains(url)).Distinct().ToList();
    }
}
