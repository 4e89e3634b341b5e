using System.Net;
using Catalog.Web.Operations;
using Serilog.Events;

namespace Catalog.Tests.Operations;

/// <summary>One log line per request through the configured logger, with the fields an operator searches by.</summary>
public sealed class RequestLoggingTests(ProductionCatalogFactory factory) : IClassFixture<ProductionCatalogFactory>
{
    [Fact]
    public async Task ARequestIsLoggedWithMethodPathStatusElapsedTimeAndRequestId()
    {
        using var response = await factory.CreateClient().GetAsync("/topics/physics-and-deep-learning", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var line = Assert.Single(factory.LogEvents, e => Scalar(e, "RequestPath") == "/topics/physics-and-deep-learning");
        Assert.Equal(RequestLogging.MessageTemplate, line.MessageTemplate.Text);
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal("GET", Scalar(line, "RequestMethod"));
        Assert.Equal("200", Scalar(line, "StatusCode"));
        Assert.True(double.Parse(Scalar(line, "Elapsed")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", Scalar(line, "RequestId"));
    }

    [Fact]
    public async Task SuccessfulHealthChecksAreNotLogged()
    {
        var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var page = await client.GetAsync("/kinds", TestContext.Current.CancellationToken);
        Assert.Contains(factory.LogEvents, e => Scalar(e, "RequestPath") == "/kinds");
        Assert.DoesNotContain(factory.LogEvents, e => Scalar(e, "RequestPath") == "/healthz" && Scalar(e, "StatusCode") == "200");
    }

    // A reader who closes the tab while a page renders is not a server error: no 500, no stack trace in the log.
    [Fact]
    public async Task ARequestTheClientAbandonedIsLoggedAs499WithoutAnError()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => factory.CreateClient().GetAsync(FailingPaths.Abandoned, TestContext.Current.CancellationToken));

        // The client sees the abort before the server has finished the request and written its line.
        var line = await LineForAsync(FailingPaths.Abandoned);
        Assert.Equal("499", Scalar(line, "StatusCode"));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Null(line.Exception);
        Assert.DoesNotContain(factory.LogEvents, e => e.Level >= LogEventLevel.Error && e.Exception is OperationCanceledException);
    }

    private async Task<LogEvent> LineForAsync(string path)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(10); waited += TimeSpan.FromMilliseconds(20))
        {
            if (factory.LogEvents.FirstOrDefault(e => Scalar(e, "RequestPath") == path) is { } line)
            {
                return line;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        throw new Xunit.Sdk.XunitException($"No request log line for {path} within 10 s.");
    }

    private static string? Scalar(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: { } v }
            ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
