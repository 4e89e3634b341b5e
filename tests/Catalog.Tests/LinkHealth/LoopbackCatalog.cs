using System.Text;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Links;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.LinkHealth;

/// <summary>
/// An empty catalog whose fetcher may reach loopback (the fixture web) and nothing else is ever pointed at; a check
/// strikes twice within one test (DeadAfter zero) so "dead" is reachable in two runs.
/// </summary>
public class LoopbackCatalog : EmptyCatalogFactory
{
    private readonly LinkFixtureServer _web;
    private readonly IDictionary<string, string?>? _extra;

    public LoopbackCatalog(LinkFixtureServer web, IDictionary<string, string?>? extra = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
        : base(provider)
    {
        _web = web;
        _extra = extra;
    }

    /// <summary>A second instance on <paramref name="sameDatabaseAs"/>'s database, its fetcher on the same fixture web.</summary>
    public LoopbackCatalog(LinkFixtureServer web, LoopbackCatalog sameDatabaseAs)
        : base(sameDatabaseAs)
    {
        _web = web;
    }

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Catalog:Links:AllowPrivateAddresses"] = "true",
                // Generous: no test on this catalog waits for a timeout, and on a busy machine a retried fetch would
                // be counted twice or judged a timeout.
                ["Catalog:Links:Timeout"] = "00:00:10",
                ["Catalog:Links:DeadAfter"] = "00:00:00",
                ["Catalog:Links:WaybackApi"] = _web.Url("/wayback/available").ToString(),
            };
            foreach (var (key, value) in _extra ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    /// <summary>A seed of one topic, "Papers", listing the given fixture paths under the given labels.</summary>
    public Task<ImportReport> ImportLinksAsync(params (string Label, string Path)[] links) =>
        ImportAsync(new SeedFile("links.md", Encoding.UTF8.GetBytes(
            "# Links\n\n## Papers\n\n" + string.Concat(links.Select(l => $"- [{l.Label}]({_web.Url(l.Path)})\n")))));

    public async Task<LinkCheckSummary> CheckAsync(LinkCheckRequest? request = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var checker = scope.ServiceProvider.GetRequiredService<LinkChecker>();
        return await checker.RunAsync(request ?? new LinkCheckRequest(), null, TestContext.Current.CancellationToken);
    }
}
