using System.Net;
using Catalog.Tests.Operations;
using Serilog.Events;

namespace Catalog.Tests.Web;

/// <summary>Catalog pages answer GET and HEAD; any other method is a plain 405, not a page rendered without its data.</summary>
public sealed class MethodTests(ProductionCatalogFactory factory) : IClassFixture<ProductionCatalogFactory>
{
    [Theory]
    [InlineData("TRACE", "/topics/deep-unrolling")]
    [InlineData("TRACE", "/links/3")]
    [InlineData("TRACE", "/hosts/arxiv.org")]
    [InlineData("PUT", "/topics/deep-unrolling")]
    [InlineData("DELETE", "/links/3")]
    public async Task AnotherMethodAnswers405WithoutAnErrorInTheLog(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
        Assert.DoesNotContain(factory.LogEvents, e => e.Level >= LogEventLevel.Error || e.Exception is not null);
    }
}
