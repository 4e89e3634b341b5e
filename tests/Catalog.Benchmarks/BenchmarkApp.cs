using Catalog.Benchmarks.Runner;
using Catalog.Benchmarks.Verbs;

namespace Catalog.Benchmarks;

/// <summary>The benchmark executable's verbs. No top-level statements: Catalog.Web already owns the global Program type.</summary>
public static class BenchmarkApp
{
    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args.Skip(1));
        return args.FirstOrDefault() switch
        {
            "generate" => GenerateVerb.Run(options),
            "baseline-parse" => BaselineParse.Run(options),
            "ceiling" => await CeilingServer.RunAsync(options),
            "run" => await BenchmarkRun.RunAsync(options, args),
            "hostile" => await HostileSeeds.RunAsync(options),
            "long-tail" => await LongTailVerb.RunAsync(options),
            "semantic-memory" => await SemanticMemoryVerb.RunAsync(options),
            "bm25-memory" => await Bm25MemoryVerb.RunAsync(options),
            "sanitize-wide" => SanitizerWideVerb.Run(options),
            "relevance" => await RelevanceVerb.RunAsync(options),
            "link-check" => await LinkCheckVerb.RunAsync(options),
            "link-meta" => await LinkMetaVerb.RunAsync(options),
            "providers" => await ProvidersVerb.RunAsync(options, args),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            Usage: dotnet run -c Release --project tests/Catalog.Benchmarks -- <verb>
              run [--quick] [--no-readme]     build the app in Release, run every figure, print the results table and
                                              write it into tests/Catalog.Benchmarks/README.md (not with --quick)
              long-tail [--scale N] [--queries N]
                                              only the long-tail memory figure: distinct searches, then the server's RSS
              semantic-memory [--scale N]     the server's RSS with semantic ranking on (every document embedded, then
                                              after a restart) and off
              bm25-memory [--scale N]         a prototype in-memory index against FTS5: the top 20 by bm25 for common
                                              and middling terms, time and agreement (the postings read via fts5vocab)
              sanitize-wide [--links 1000,10000,20000,40000,80000] [--repeats N]
                                              the HTML sanitizer on one paragraph of that many links: time per link
              relevance [--details] [--sweep] import the seed, score the judged queries (relevance/queries.json) for the
                                              catalog's search (shipped, lexical, semantic) and a Lucene.Net BM25
                                              baseline: nDCG@10, MRR, recall, P@1; --sweep tries fusion settings
              link-check [--scale N] [--seconds N] [--concurrency N]
                                              the synthetic catalog's links checked against a loopback web answering in
                                              50 ms (every host mapped to its own 127.x address): wall time against the
                                              ideal schedule, and page p99 while the check runs against idle
              link-meta [--scale N] [--changed N] [--repeats N]
                                              a metadata save's cost to the search index: the whole index rebuilt
                                              (before) against only the changed links' documents replaced, and the
                                              CLI's `links import` of a file of that many links (no network)
              providers [--scale N] [--repeats N] [--seconds N] [--postgres CONNECTION] [--no-readme]
                                              SQLite and PostgreSQL (--postgres or CATALOG_TEST_POSTGRES) in one run:
                                              the CLI's import into a fresh database of each, then the topic page and
                                              /api/search, cached and uncached, at 4 clients on a server per provider
              generate --scale N [--seed S] [--out file.md]
                                              write a synthetic seed N times the size of seeds/science-of-deep-learning.md
              hostile [--out file.md]         the pathological seeds at 1x, 2x and 4x: CLI dry-run time and peak memory
              baseline-parse <file.md>        the import baseline: Markdig parse and a full Descendants() walk, nothing else
              ceiling <body-file> [--content-type T] [--port P]
              ceiling --manifest <file.tsv> [--port P]
                                              Kestrel answering captured response bytes from memory (the throughput
                                              ceiling); the manifest has lines "path-and-query<TAB>content-type<TAB>body-file"
            """);
        return 2;
    }
}
