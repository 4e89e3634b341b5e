using Catalog.Benchmarks.Runner;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>long-tail [--scale N] [--queries N]</c>: the long-tail memory figure alone (the <c>run</c> verb includes it after
/// its load runs): build in Release, generate and import the catalog, start the lexical server
/// (<see cref="Server.LexicalOnly"/>, as the <c>run</c> verb's), send the distinct searches, print its resident memory.
/// </summary>
public static class LongTailVerb
{
    public static async Task<int> RunAsync(Options options)
    {
        var (run, database) = await SyntheticCatalog.PrepareAsync(options, "long-tail");
        if (database is null)
        {
            return 1;
        }

        using var app = await Server.StartAppAsync(run.Paths, database, run.WorkPath("long-tail-server.log"), settings: Server.LexicalOnly);
        var figure = await LongTailFigures.MeasureAsync(run, app, options.Number("--queries", LongTailFigures.DefaultQueries));
        Console.WriteLine(ResultsReport.ToMarkdown("dotnet run -c Release --project tests/Catalog.Benchmarks -- long-tail", await MachineFacts.CollectAsync(run.Paths), [figure], []));
        return figure.Met == true ? 0 : 1;
    }
}
