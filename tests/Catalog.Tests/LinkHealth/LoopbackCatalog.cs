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
public class LoopbackCatalog(LinkFixtureServer web, IDictionary<string, string?>? extra = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    : EmptyCatalogFactory(provider)
{
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
                ["Catalog:Links:WaybackApi"] = web.Url("/wayback/available").ToString(),
            };
            foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    /// <summary>A seed of one topic, "Papers", listing the given fixture paths under the given labels.</summary>
    public Task<ImportReport> ImportLinksAsync(params (string Label, string Path)[] links) =>
        ImportAsync(new SeedFile("links.md", Encoding.UTF8.GetBytes(
            "# Links\n\n## Papers\n\n" + string.Concat(links.Select(l => $"- [{l.Label}]({web.Url(l.Path)})\n")))));

    public async Task<LinkCheckSummary> CheckAsync(LinkCheckRequest? request = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var checker = scope.ServiceProvider.GetRequiredService<LinkChecker>();
        return await checker.RunAsync(request ?? new LinkCheckRequest(), null, TestContext.Current.CancellationToken);
    }
}
