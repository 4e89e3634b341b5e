using System.Net;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Pages;

public sealed class CrawlTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    [Fact]
    public async Task ACrawlFromHomeReachesEveryTopicLinkHostAndKindPageWithNoBrokenInternalLink()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var queue = new Queue<(string Path, string From)>([("/", "(start)")]);
        var broken = new List<string>();
        while (queue.TryDequeue(out var next))
        {
            using var response = await client.GetAsync(next.Path, ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                broken.Add($"{next.Path} ({(int)response.StatusCode}, linked from {next.From})");
                continue;
            }

            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync(ct));
            var targets = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
                .Concat(page.QuerySelectorAll("link[rel=stylesheet][href]").Select(l => l.GetAttribute("href")!))
                .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!));
            foreach (var href in targets.Where(IsInternal).Select(h => h.Split('#')[0]))
            {
                if (seen.Add(href))
                {
                    queue.Enqueue((href, next.Path));
                }
            }
        }

        Assert.Empty(broken);
        var pages = seen.Select(Uri.UnescapeDataString).ToHashSet(StringComparer.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var expected = (await db.Topics.Select(t => "/topics/" + t.Slug).ToListAsync(ct))
            .Concat((await db.Links.Select(l => l.Id).ToListAsync(ct)).Select(id => $"/links/{id}"))
            .Concat((await db.Links.Select(l => l.Host).Distinct().ToListAsync(ct)).Select(h => "/hosts/" + h))
            .Concat(LinkKinds.All.Select(k => "/kinds/" + k))
            .ToList();
        Assert.Equal(17 + 268 + 9, expected.Count(p => !p.StartsWith("/hosts/", StringComparison.Ordinal)));
        Assert.Subset(pages, expected.ToHashSet(StringComparer.Ordinal));
    }

    // Site-relative links only; the OpenSearch description and /search belong to the search feature.
    private static bool IsInternal(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/search", StringComparison.Ordinal);
}
