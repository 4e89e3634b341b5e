using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Caching;

/// <summary>
/// Anonymous pages and API answers come from memory until the catalog database changes, whoever changes it; requests
/// with a cookie (the admin) always get a fresh answer.
/// </summary>
public sealed class CatalogCacheTests
{
    private const string Topic = "/api/topics/physics-and-deep-learning";

    [Fact]
    public async Task SecondAnonymousRequestIsServedFromMemory()
    {
        using var factory = new CatalogFactory();
        var client = factory.CreateClient();

        using var first = await client.GetAsync(Topic, TestContext.Current.CancellationToken);
        using var second = await client.GetAsync(Topic, TestContext.Current.CancellationToken);

        Assert.False(first.Headers.Age.HasValue);
        Assert.True(second.Headers.Age.HasValue);
        Assert.Equal(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CommitByAnotherConnectionIsSeenOnTheNextRequest()
    {
        using var factory = new CatalogFactory();
        var client = factory.CreateClient();
        await client.GetAsync(Topic, TestContext.Current.CancellationToken);

        // What the CLI importer does from another process: commit through a connection of its own.
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var rename = connection.CreateCommand();
            rename.CommandText = "UPDATE Topics SET Title = 'Physics, renamed' WHERE Slug = 'physics-and-deep-learning'";
            await rename.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var topic = await client.GetFromJsonAsync<JsonElement>(Topic, TestContext.Current.CancellationToken);
        Assert.Equal("Physics, renamed", topic.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ImportThroughTheAppIsSeenOnTheNextRequest()
    {
        using var factory = new EmptyCatalogFactory();
        var client = factory.CreateClient();
        await factory.ImportAsync(EmptyCatalogFactory.SeedPath);
        var before = await client.GetFromJsonAsync<JsonElement[]>("/api/topics", TestContext.Current.CancellationToken);

        await factory.ImportAsync(new Web.Import.SeedFile("extra.md", "# Extra topic\n\n* [A paper](https://arxiv.org/abs/2001.00001)\n"u8.ToArray()));
        var after = await client.GetFromJsonAsync<JsonElement[]>("/api/topics", TestContext.Current.CancellationToken);

        Assert.Equal(before!.Length + 1, after!.Length);
        Assert.Contains(after, t => t.GetProperty("slug").GetString() == "extra-topic");
    }

    [Fact]
    public async Task RequestWithACookieNeverGetsACachedAnswer()
    {
        using var factory = new CatalogFactory();
        var client = factory.CreateClient();
        await client.GetAsync(Topic, TestContext.Current.CancellationToken);
        using var cached = await client.GetAsync(Topic, TestContext.Current.CancellationToken);

        using var request = new HttpRequestMessage(HttpMethod.Get, Topic);
        request.Headers.Add("Cookie", "session=admin");
        using var withCookie = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(cached.Headers.Age.HasValue);
        Assert.False(withCookie.Headers.Age.HasValue);
    }
}
