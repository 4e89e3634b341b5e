using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Search;

/// <summary>"Did you mean" is computed once per catalog version and query, also for requests the output cache skips.</summary>
public sealed class SpellingSuggestionsTests
{
    [Theory]
    [OnEachDatabase]
    public async Task ARepeatedMisspelledSearchRespellsOnlyOnce(DatabaseProvider provider)
    {
        await using var factory = EmptyCatalogFactory.On(provider);
        await factory.ImportAsync(EmptyCatalogFactory.SeedPath);
        var client = factory.CreateClient();
        var spelling = factory.Services.GetRequiredService<SpellingSuggestions>();
        var computedBefore = spelling.Computed;

        // A cookie keeps the output cache out of the way, as it does for every signed-in visitor.
        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/search?q=flwo&n=" + i);
            request.Headers.Add("Cookie", "visitor=" + i);
            var page = await Pages.Html.ParseAsync(await (await client.SendAsync(request, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            answers.Add(page.QuerySelector(".search-did-you-mean a")!.TextContent);
        }

        Assert.Equal(["flow", "flow", "flow"], answers);
        Assert.Equal(computedBefore + 1, spelling.Computed);
    }
}
