using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Api;

public sealed class TopicsApiTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TopicsListsEveryHeadingInDocumentOrderWithParentsAndLinkCounts()
    {
        var topics = await _client.GetFromJsonAsync<JsonElement[]>("/api/topics", TestContext.Current.CancellationToken);

        Assert.NotNull(topics);
        Assert.Equal(17, topics.Length);
        Assert.Equal(["slug", "title", "level", "parent", "links"], topics[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("science-of-deep-learning", topics[0].GetProperty("slug").GetString());
        Assert.Equal(JsonValueKind.Null, topics[0].GetProperty("parent").ValueKind);
        var readingGroup = topics[1];
        Assert.Equal("Deep Learning Reading Group", readingGroup.GetProperty("title").GetString());
        Assert.Equal(3, readingGroup.GetProperty("level").GetInt32());
        Assert.Equal("science-of-deep-learning", readingGroup.GetProperty("parent").GetString());
        Assert.Equal(291, topics.Sum(t => t.GetProperty("links").GetInt32()));
    }

    [Fact]
    public async Task TopicDetailHasQuotesImagesLinksAndChildren()
    {
        var topic = await _client.GetFromJsonAsync<JsonElement>("/api/topics/physics-and-deep-learning", TestContext.Current.CancellationToken);

        Assert.Equal(["slug", "title", "level", "parent", "intro", "quotes", "images", "links", "children"], topic.EnumerateObject().Select(p => p.Name));
        Assert.Contains("Jarzynski equality", topic.GetProperty("quotes")[0].GetProperty("text").GetString());
        Assert.StartsWith("https://d2r55xnwy6nx47.cloudfront.net/", topic.GetProperty("images")[0].GetProperty("src").GetString());
        var pinns = topic.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("url").GetString() == "https://maziarraissi.github.io/PINNs/");
        Assert.Equal("maziarraissi.github.io", pinns.GetProperty("host").GetString());
        Assert.Equal("https://maziarraissi.github.io/PINNs/", pinns.GetProperty("label").GetString());

        var root = await _client.GetFromJsonAsync<JsonElement>("/api/topics/science-of-deep-learning", TestContext.Current.CancellationToken);
        Assert.Contains("deep-learning-reading-group", root.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task UnknownTopicIs404()
    {
        var response = await _client.GetAsync("/api/topics/no-such-topic", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
