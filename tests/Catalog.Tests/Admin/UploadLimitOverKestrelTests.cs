using System.Net;
using System.Net.Http.Headers;
using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Admin;

/// <summary>
/// Request body limits as Kestrel on 127.0.0.1 enforces them (the in-memory server does not): a body over a limit is
/// answered with a page that says "File too large" and the limit, on the admin upload and on any public POST.
/// </summary>
public sealed class UploadLimitOverKestrelTests : IDisposable
{
    private readonly AdminKestrelServer _server = new();

    [Fact]
    public async Task AnUploadJustOverTheLimitSaysFileTooLargeWithTheLimit()
    {
        var browser = _server.CreateCookieClient();
        Assert.Equal("/admin", (await browser.SignInAsync(AdminFactory.Password)).Headers.Location?.OriginalString);
        var before = CatalogFile.Hash(_server.DatabasePath);

        // What a browser sends for a file a little over the limit: the whole body, with its length declared.
        var content = new byte[(5 * 1024 * 1024) + (100 * 1024)];
        Array.Fill(content, (byte)'a');
        var response = await ImportPageTests.PreviewUploadAsync(browser, "big.md", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var text = (await response.ReadPageAsync()).Body!.TextContent;
        Assert.Contains("File too large (limit 5 MB)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("status 0", text, StringComparison.Ordinal);
        Assert.Equal(before, CatalogFile.Hash(_server.DatabasePath));
    }

    [Fact]
    public async Task APublicPostOverThirtyMegabytesSaysFileTooLargeNotNotFound()
    {
        var client = _server.CreateSocketClient();
        using var body = new ByteArrayContent(new byte[(30 * 1024 * 1024) + 1024]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var response = await client.PostAsync("/topics/anything", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var text = (await response.ReadPageAsync()).Body!.TextContent;
        Assert.Contains("File too large (limit 30 MB)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Page not found", text, StringComparison.Ordinal);
    }

    public void Dispose() => _server.Dispose();

    private sealed class AdminKestrelServer() : SeededKestrelServer("# Seed\n\n## Topic\n\n- [Example](https://example.org/)\n")
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Catalog:AdminPassword"] = AdminFactory.Password,
            ["Catalog:SignInAttemptsPerMinute"] = "1000",
        };

        public HttpClient CreateCookieClient() =>
            new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
    }
}
