using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Catalog.Benchmarks.Runner;
using Catalog.Web.Search;
using Microsoft.Data.Sqlite;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>link-meta [--scale N] [--changed N] [--repeats N]</c>: what saving a metadata run costs the search index on the
/// synthetic catalog. Every save used to rebuild the whole index; it now replaces the documents of the links whose
/// fetched text changed. Both are timed in process on the imported catalog (each in a transaction rolled back, so
/// every repeat starts from the same index), then the real CLI loads a metadata file of that many links
/// (<c>links import</c>, the same save a run makes) against one of no links. Nothing is fetched: no network at all.
/// </summary>
public static class LinkMetaVerb
{
    public static async Task<int> RunAsync(Options options)
    {
        var paths = RepoPaths.Find();
        var run = new RunContext(paths, quick: true, options.Number("--scale", 200));
        var changed = options.Number("--changed", 100);
        var repeats = options.Number("--repeats", 5);
        Directory.CreateDirectory(run.WorkFolder);

        var corpus = Path.Combine(paths.Artifacts, $"catalog-{run.Scale}x.md");
        GenerateVerb.Write(paths.Seed, run.Scale, Generation.SeedGenerator.DefaultSeed, corpus);
        var database = run.WorkPath($"link-meta-{run.Scale}x.db");
        BenchDatabase.DeleteSqlite(database);

        run.Log($"importing {corpus} (the Release CLI: dotnet run -c Release builds it)");
        if (await CliAsync(run, database, "link-meta-import.log", "import", corpus) is not { Exit: 0 })
        {
            Console.Error.WriteLine($"The import failed; see {run.WorkPath("link-meta-import.log")}");
            return 1;
        }

        var (urls, links) = await ChosenUrlsAsync(database, changed);
        await WriteMetadataAsync(database, urls);

        run.Log($"search index: rebuilt whole vs {urls.Count} links' documents replaced, {repeats} times each, alternated");
        var rebuild = new List<double>();
        var update = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            rebuild.Add(await TimedAsync(database, (c, t) => SearchIndex.RebuildAsync(c, t, CancellationToken.None)));
            update.Add(await TimedAsync(database, (c, t) => SearchIndex.UpdateLinksAsync(c, t, urls, CancellationToken.None)));
        }

        run.Log($"links import of a {urls.Count}-link file and of an empty one, {repeats} times each, alternated");
        var file = run.WorkPath($"link-meta-{urls.Count}.links.json");
        var empty = run.WorkPath("link-meta-0.links.json");
        await File.WriteAllTextAsync(file, MetadataFile(urls, "Loaded from a file"));
        await File.WriteAllTextAsync(empty, MetadataFile([], ""));
        var withLinks = new List<double>();
        var without = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            // Each load changes the titles again (a file whose titles are already stored would change nothing).
            await File.WriteAllTextAsync(file, MetadataFile(urls, $"Loaded from a file, round {i}"));
            withLinks.Add((await CliAsync(run, database, "link-meta-cli.log", "links", "import", file))!.Value.Seconds);
            without.Add((await CliAsync(run, database, "link-meta-cli.log", "links", "import", empty))!.Value.Seconds);
        }

        double rebuildMs = Stats.Median(rebuild), updateMs = Stats.Median(update);
        double cliWith = Stats.Median(withLinks), cliWithout = Stats.Median(without);
        var figures = new List<Figure>
        {
            new($"metadata save, {urls.Count} of {links:N0} links' fetched text changed ({run.Scale}x): search index rebuilt whole (every save before)",
                $"{rebuildMs:F0} ms", "", "", "", null),
            new($"metadata save, the same {urls.Count} links: only their documents replaced (now)",
                $"{updateMs:F0} ms", $"{rebuildMs:F0} ms", $"{updateMs / rebuildMs:F3}x", "", null),
            new($"`links import` of a {urls.Count}-link metadata file, whole CLI process (start-up, read, save, index)",
                $"{cliWith:F2} s", $"{cliWithout:F2} s with no links", $"+{(cliWith - cliWithout) * 1000:F0} ms", "", null),
        };
        Console.WriteLine(ResultsReport.ToMarkdown(
            $"dotnet run -c Release --project tests/Catalog.Benchmarks -- link-meta --scale {run.Scale} --changed {changed} --repeats {repeats}",
            await MachineFacts.CollectAsync(paths), figures,
            [$"Medians of {repeats}. The index figures are in process, inside a transaction that is rolled back, on the imported catalog with fetched text for the chosen links.",
             "A save that changes more than half of the links (a first run, a whole file) still rebuilds: one merged segment per index is worth it then."]));
        return 0;
    }

    private static async Task<(double Seconds, int Exit)?> CliAsync(RunContext run, string database, string log, params string[] arguments)
    {
        using var process = ChildProcess.Start(run.Paths.AppFolder, run.WorkPath(log), ImportFigures.ImportEnvironment(database), ["dotnet", run.Paths.AppDll, .. arguments]);
        var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(10));
        return exit == 0 ? (process.Elapsed.TotalSeconds, exit) : null;
    }

    // Evenly spread over the catalog, so the changed documents are not neighbours in the index.
    private static async Task<(List<string> Urls, int Links)> ChosenUrlsAsync(string database, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        var all = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Url FROM Links ORDER BY Id";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            all.Add(reader.GetString(0));
        }

        var step = Math.Max(1, all.Count / Math.Max(1, count));
        return ([.. all.Where((_, i) => i % step == 0).Take(count)], all.Count);
    }

    private static async Task WriteMetadataAsync(string database, List<string> urls)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO LinkMetadata (Url, Title, Authors, Venue, FieldSources, FetchedAt, AttemptedAt, Source)
            SELECT value, 'A fetched title for benchmarking ' || key, '["Ada Lovelace","Alan Turing"]', 'Synthetic Proceedings', '{}',
                   '2026-12-04 00:00:00+00:00', '2026-12-04 00:00:00+00:00', 'html'
            FROM json_each($urls) WHERE true
            ON CONFLICT (Url) DO UPDATE SET Title = excluded.Title, Authors = excluded.Authors, Venue = excluded.Venue, FetchedAt = excluded.FetchedAt
            """;
        command.Parameters.AddWithValue("$urls", JsonSerializer.Serialize(urls));
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<double> TimedAsync(string database, Func<SqliteConnection, SqliteTransaction, Task> work)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var clock = Stopwatch.StartNew();
        await work(connection, transaction);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        await transaction.RollbackAsync();
        return elapsed;
    }

    private static string MetadataFile(List<string> urls, string title) => JsonSerializer.Serialize(new
    {
        format = "catalog-link-metadata",
        version = 1,
        exportedAt = "2026-12-04T00:00:00+00:00",
        links = urls.Select((url, i) => new
        {
            url,
            source = "html",
            title = $"{title} {i.ToString(CultureInfo.InvariantCulture)}",
            authors = new[] { "Grace Hopper" },
            fetchedAt = "2026-12-04T00:00:00+00:00",
        }),
    });
}
