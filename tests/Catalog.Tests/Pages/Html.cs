using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Catalog.Web.Web;

namespace Catalog.Tests.Pages;

/// <summary>Pages fetched over the test server and parsed with AngleSharp, as a browser would see them.</summary>
public static class Html
{
    private static readonly HtmlParser s_parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await client.GetAsync(url, ct);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await ParseAsync(await response.Content.ReadAsStringAsync(ct));
    }

    public static async Task<IHtmlDocument> ParseAsync(string html) => await s_parser.ParseDocumentAsync(html);

    /// <summary>The request's SQL commands, as counted in Development and Testing.</summary>
    public static int SqlCommands(this HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues(SqlCommandCounter.Header).Single(), CultureInfo.InvariantCulture);

    /// <summary>Text with runs of white space made one space, as it reads on screen.</summary>
    public static string Squash(this string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
