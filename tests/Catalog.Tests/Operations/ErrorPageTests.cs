using System.Net;
using System.Text.Json;
using Catalog.Tests.Pages;
using Serilog.Events;

namespace Catalog.Tests.Operations;

/// <summary>In production a failure shows a friendly page with a request id, and the log has the failure under that id.</summary>
public sealed class ErrorPageTests(ProductionCatalogFactory factory) : IClassFixture<ProductionCatalogFactory>
{
    private static readonly string[] s_stackTraceMarks =
        [FailingPaths.Secret, "InvalidOperationException", "   at ", ".cs:line", "FailingPaths", "Microsoft.AspNetCore"];

    [Fact]
    public async Task AFailureShowsTheFriendlyPageWithTheRequestIdAndNoStackTrace()
    {
        using var response = await factory.CreateClient().GetAsync(FailingPaths.Page, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.All(s_stackTraceMarks, mark => Assert.DoesNotContain(mark, body, StringComparison.Ordinal));
        var page = await Html.ParseAsync(body);
        Assert.Equal("Something went wrong", page.QuerySelector("h1")?.TextContent);
        var requestId = page.QuerySelector("#request-id")?.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(requestId));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        SecurityHeaderAssert.Present(response);
        AssertLogged(requestId);
    }

    [Fact]
    public async Task AFailedPostShowsTheSameErrorPage()
    {
        using var response = await factory.CreateClient().PostAsync(FailingPaths.Page, new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var requestId = page.QuerySelector("#request-id")?.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(requestId));
        AssertLogged(requestId);
    }

    [Fact]
    public async Task AFailedApiRequestAnswersJsonWithTheRequestIdAndNoDetails()
    {
        using var response = await factory.CreateClient().GetAsync(FailingPaths.Api, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.All(s_stackTraceMarks, mark => Assert.DoesNotContain(mark, body, StringComparison.Ordinal));
        var requestId = JsonDocument.Parse(body).RootElement.GetProperty("requestId").GetString();
        AssertLogged(requestId);
    }

    [Fact]
    public async Task TheErrorPageIsNotFoundWhenNothingFailed()
    {
        using var response = await factory.CreateClient().GetAsync("/error", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ProductionAnswersOverHttpsWithStrictTransportSecurity()
    {
        var https = factory.CreateClient(new() { BaseAddress = new Uri("https://catalog.example/") });

        using var response = await https.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    // The request's log line carries the id the reader was shown, with the exception and its message.
    private void AssertLogged(string? requestId)
    {
        var logged = factory.LogEvents.Where(e => e.Properties.TryGetValue("RequestId", out var id) && id is ScalarValue { Value: string s } && s == requestId).ToList();
        Assert.Contains(logged, e => e.Level == LogEventLevel.Error && e.Exception?.Message == FailingPaths.Secret);
    }
}
