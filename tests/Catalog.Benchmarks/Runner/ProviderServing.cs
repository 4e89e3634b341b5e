using System.Net;
using Catalog.Web.Data;

namespace Catalog.Benchmarks.Runner;

/// <summary>
/// The topic page and the search API served by one server per provider, both running at once on databases imported
/// from the same corpus: wrk at 4 clients, cached (the same URLs again and again, answered by the output cache) and
/// uncached (a cookie, which the output cache never answers; for search also every query distinct). Each round runs
/// every endpoint on every provider, the provider that goes first alternating from round to round.
/// </summary>
public static class ProviderServing
{
    /// <param name="Distinct">Every request asks a query no earlier request of the run asked (a slice of the long-tail queries per run).</param>
    public sealed record Endpoint(string Name, IReadOnlyList<string> Paths, bool Uncached, bool Distinct = false);

    /// <summary>One wrk run, with PostgreSQL's own CPU time per request (null on SQLite).</summary>
    public sealed record Sample(WrkResult Wrk, double? DatabaseCpuMsPerRequest);

    /// <summary>Per endpoint and provider: the samples, or why the endpoint was not measured there.</summary>
    public sealed record Outcome(List<Sample> Samples, string? NotMeasured);

    public static async Task<List<Endpoint>> EndpointsAsync(Server server)
    {
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(1) };
        var biggest = await BiggestTopic.ReadAsync(client);
        var topic = $"/topics/{Uri.EscapeDataString(biggest.Slug)}";
        var rotated = SearchQueries.Paths("/api/search");
        return
        [
            new($"topic page `{topic}` ({biggest.Links} links), cached", [topic], Uncached: false),
            new("topic page, uncached", [topic], Uncached: true),
            new($"`/api/search`, cached ({SearchQueries.All.Count} queries rotated)", rotated, Uncached: false),
            new("`/api/search`, uncached (every query distinct)", [], Uncached: true, Distinct: true),
        ];
    }

    public static async Task<Dictionary<(Endpoint, DatabaseProvider), Outcome>> MeasureAsync(
        RunContext run, IReadOnlyDictionary<DatabaseProvider, (Server Server, PostgresCpu? Database)> servers, List<Endpoint> endpoints, LoadShape shape, int repeats)
    {
        var providers = servers.Keys.ToList();
        var distinct = DistinctQueries.For(run, providers.Count * (repeats + 1));
        var outcomes = new Dictionary<(Endpoint, DatabaseProvider), Outcome>();
        foreach (var endpoint in endpoints)
        {
            foreach (var provider in providers)
            {
                var status = await StatusAsync(servers[provider].Server, endpoint.Distinct ? distinct.Probe : endpoint.Paths[0]);
                outcomes[(endpoint, provider)] = new([], status == HttpStatusCode.OK ? null : $"answers {(int)status}: not measured");
            }
        }

        var measured = outcomes.Where(o => o.Value.NotMeasured is null).Select(o => o.Key).ToList();
        run.Log("warming up");
        foreach (var (endpoint, provider) in measured)
        {
            await Wrk.RunAsync(servers[provider].Server, endpoint.Distinct ? distinct.Next() : endpoint.Paths, run.Warmup with { Connections = shape.Connections }, run.WorkFolder,
                endpoint.Uncached ? HttpFigures.UncachedCookie : null, eachPathOnce: endpoint.Distinct);
        }

        for (var i = 0; i < repeats; i++)
        {
            foreach (var endpoint in endpoints)
            {
                foreach (var provider in i % 2 == 0 ? providers : Enumerable.Reverse(providers))
                {
                    if (!measured.Contains((endpoint, provider)))
                    {
                        continue;
                    }

                    var (server, database) = servers[provider];
                    var databaseBefore = database?.Total();
                    var wrk = await Wrk.RunAsync(server, endpoint.Distinct ? distinct.Next() : endpoint.Paths, shape, run.WorkFolder,
                        endpoint.Uncached ? HttpFigures.UncachedCookie : null, eachPathOnce: endpoint.Distinct);
                    double? databaseCpu = database is null || wrk.Requests == 0 ? null : (database.Total() - databaseBefore!.Value).TotalMilliseconds / wrk.Requests;
                    outcomes[(endpoint, provider)].Samples.Add(new Sample(wrk, databaseCpu));
                    run.Log($"{endpoint.Name} on {provider}: {Format.Rate(wrk.RequestsPerSecond)}, p99 {Format.Ms(wrk.P99Ms)}{(wrk.Failures > 0 ? $", {wrk.Failures} failed" : "")}");
                }
            }
        }

        return outcomes;
    }

    private static async Task<HttpStatusCode> StatusAsync(Server server, string path)
    {
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(1) };
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }
}
