using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Api;
using Catalog.Web.Data;
using Catalog.Web.Links;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Catalog.Tests.Api;

/// <summary>
/// /api/search's answers are written by a converter of their own (<c>SearchResponseJson</c>): byte for byte what the
/// serializer writes for them with the API's options and no such converter.
/// </summary>
public sealed class SearchResponseJsonTests(SeededCatalogs catalogs) : IClassFixture<SeededCatalogs>
{
    // Topics and partial answers, a respelt word, Chinese, HTML in snippets, a second page, nothing found.
    private static readonly string[] Queries =
    [
        "random matrix", "neural tangent kernel", "why do wide neural networks behave like kernels", "random matrix theroy",
        "深度学习", "theories 凌泽南的文章", "Kantorovich", "PINNs", "\"deep learning\" theory", "ntk", "approx",
        "optimal transport -wasserstein", "grokking OR double descent", "zzzzqqq", "information bottleneck",
    ];

    [Fact]
    public async Task EveryAnswerIsWhatTheSerializerWritesForIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var catalog = catalogs[DatabaseProvider.Sqlite];
        var (api, plain) = Options(catalog.Services);
        var client = catalog.CreateClient();
        var compared = 0;
        foreach (var query in Queries)
        {
            foreach (var page in new[] { 1, 2 })
            {
                var served = await client.GetStringAsync($"/api/search?q={Uri.EscapeDataString(query)}&page={page}&pageSize=7", ct);
                var answer = JsonSerializer.Deserialize<SearchApi.SearchResponse>(served, plain)!;

                Assert.Equal(JsonSerializer.Serialize(answer, plain), served);
                compared += answer.Results.Count;
            }
        }

        Assert.True(compared > 100, $"{compared} results compared");
        Assert.Equal(JsonSerializer.Serialize(Written(), plain), JsonSerializer.Serialize(Written(), api));
    }

    [Fact]
    public void ItWritesAndDoesNotRead()
    {
        var (api, _) = Options(catalogs[DatabaseProvider.Sqlite].Services);

        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<SearchApi.SearchResponse>(JsonSerializer.Serialize(Written(), api), api));
    }

    // The API's options, and the same without the converter.
    private static (JsonSerializerOptions Api, JsonSerializerOptions Plain) Options(IServiceProvider services)
    {
        var api = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        Assert.Contains(api.Converters, c => c.GetType().Name == "SearchResponseJson");
        var plain = new JsonSerializerOptions(api);
        plain.Converters.Remove(plain.Converters.Single(c => c.GetType().Name == "SearchResponseJson"));
        return (api, plain);
    }

    // What the seed's searches do not show here: checked links, fetched metadata, other URLs of a work, odd text.
    private static SearchApi.SearchResponse Written()
    {
        var checkedAt = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero);
        return new SearchApi.SearchResponse(
            "a <b>\"quoted\"</b> & 'single' 深度 \u2028 \\ query", 2, 1,
            [new SearchApi.TopicItem("slug-1", "Title & <more>")],
            [
                new SearchApi.ResultItem("https://arxiv.org/abs/1806.07572", "Neural Tangent Kernel", "paper", "arxiv.org", ["a", "b"],
                    "<mark>neural</mark> &amp; tangent", new LinkHealthView("dead", checkedAt, 404, null, checkedAt, "https://web.archive.org/x", checkedAt))
                {
                    Meta = new LinkMetaItem("NTK", ["Arthur Jacot", "Franck Gabriel"], 2018, "NeurIPS", "An abstract.", "arxiv", checkedAt, "arXiv:1806.07572"),
                    AlsoAt = ["https://arxiv.org/pdf/1806.07572"],
                },
                new SearchApi.ResultItem("https://example.org/", "https://example.org/", "web", "example.org", [], "", LinkHealthView.Unchecked),
            ],
            Partial: true, SearchedFor: "random matrix theory", SearchInsteadFor: "random matrix theroy");
    }
}
