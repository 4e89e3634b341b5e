using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Xunit.Sdk;

namespace Catalog.Tests.Search;

/// <summary>Any string a person can type is a valid query: the page, the API and suggestions answer 200, never 500.</summary>
public sealed class HostileQueryTests(SeededCatalogs catalogs) : IClassFixture<SeededCatalogs>
{
    public static IEnumerable<ITheoryDataRow> Queries() => EachDatabase.With([.. new[]
    {
        "%22", "%22%22%22", "%22unterminated", "*", "**", "%5E", "%5Etitle", ":", "title%3Arandom", "%7Btitle%7D%3A%20x",
        "(", ")", "((a%20OR%20b)", "NEAR", "NEAR(a%20b%2C%202)", "AND", "OR", "NOT", "AND%20OR%20NOT", "-", "--", "-deep",
        "%27%3B%20DROP%20TABLE%20Links%3B%20--", "%22%20OR%201%3D1%20--", "%00", "a%00b", "%F0%9F%98%80",
        "%ED%A0%80", "%ED%A0%80abc", "%EE%80%80x", "%E2%80%8B", "%FF%FE", "%", "%2", "+", "&", "%26q%3D",
        "<script>alert(1)</script>", new string('a', 2000), string.Concat(Enumerable.Repeat("x%20OR%20", 300)),
    }.Select(q => new object?[] { q })]);

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task ApiAnswersWithTheContract(DatabaseProvider provider, string q)
    {
        var response = await catalogs.Client(provider).GetAsync($"/api/search?q={q}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(["query", "total", "page", "topics", "results", "partial", "searchedFor", "searchInsteadFor"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(json.GetProperty("total").GetInt32() == 0, json.GetProperty("results").GetArrayLength() == 0);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task PageAnswersWithTheQueryInTheBox(DatabaseProvider provider, string q)
    {
        var response = await catalogs.Client(provider).GetAsync($"/search?q={q}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        Assert.NotNull(page.QuerySelector("#search-q"));
        Assert.Equal("Search", page.QuerySelector("h1")?.TextContent);
        Assert.Single(page.QuerySelectorAll("script"));
        Assert.Null(page.QuerySelector("script:not([src])"));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task SuggestAnswersWithAList(DatabaseProvider provider, string q)
    {
        var response = await catalogs.Client(provider).GetAsync($"/api/search/suggest?q={q}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.InRange(json.GetProperty("suggestions").GetArrayLength(), 0, 8);
    }

    [Theory]
    [OnEachDatabase]
    public async Task MarkupInTheQueryStaysText(DatabaseProvider provider)
    {
        var html = await catalogs.Client(provider).GetStringAsync("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", TestContext.Current.CancellationToken);
        var page = await new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken);

        Assert.Equal("<script>alert(1)</script>", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#search-q")!.Value);
        Assert.Contains("<script>alert(1)</script>", page.QuerySelector(".search-empty h2")!.TextContent, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("script"));
    }

    public static IEnumerable<ITheoryDataRow> Paging() =>
        EachDatabase.With(["page=-5&pageSize=100000", 1], ["page=abc&pageSize=xyz", 1], ["page=99999999999", 500], ["page=2&page=3", 2]);

    [Theory]
    [MemberData(nameof(Paging))]
    public async Task OutOfRangeOrUnreadablePagingIsClamped(DatabaseProvider provider, string paging, int page)
    {
        var json = JsonDocument.Parse(await catalogs.Client(provider).GetStringAsync($"/api/search?q=deep&{paging}", TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(page, json.GetProperty("page").GetInt32());
        Assert.InRange(json.GetProperty("results").GetArrayLength(), 0, 50);
    }

    [Theory]
    [OnEachDatabase]
    public async Task SqlInTheQueryIsOnlyText(DatabaseProvider provider)
    {
        await catalogs.Client(provider).GetAsync("/api/search?q=%27%3B%20DROP%20TABLE%20Links%3B%20--", TestContext.Current.CancellationToken);

        var json = JsonDocument.Parse(await catalogs.Client(provider).GetStringAsync("/api/search?q=PINNs", TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(1, json.GetProperty("total").GetInt32());
    }
}
