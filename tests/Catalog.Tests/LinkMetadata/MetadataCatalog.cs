using System.Text;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Catalog.Web.Links;
using Catalog.Web.Links.Metadata;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.LinkMetadata;

/// <summary>An empty catalog whose sources point at the fixture APIs and whose one outbound door leads only to the fixture.</summary>
public sealed class MetadataCatalog(MetadataWeb web, IDictionary<string, string?>? extra = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    : EmptyCatalogFactory(provider)
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Catalog:Links:AllowPrivateAddresses"] = "true",
                ["Catalog:Links:Timeout"] = "00:00:02",
                ["Catalog:Links:CheckInterval"] = "00:00:00",
                ["Catalog:Links:ArxivApi"] = web.ArxivApi,
                ["Catalog:Links:ArxivInterval"] = "00:00:00",
                ["Catalog:Links:CrossrefApi"] = web.CrossrefApi,
                ["Catalog:Links:CrossrefMailto"] = "curator@example.org",
                ["Catalog:Links:GitHubApi"] = web.GitHubApi,
                ["Catalog:Links:YouTubeOEmbed"] = web.YouTubeOEmbed,
            };
            foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(LinkFetcher.ClientName).ConfigurePrimaryHttpMessageHandler(web.Handler));
    }

    public Task<ImportReport> ImportMarkdownAsync(string markdown) =>
        ImportAsync(new SeedFile("links.md", Encoding.UTF8.GetBytes(markdown)));

    public async Task<LinkMetadataSummary> RunMetaAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LinkMetadataRun>().RunAsync(null, TestContext.Current.CancellationToken);
    }
}
