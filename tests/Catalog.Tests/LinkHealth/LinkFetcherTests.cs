using System.Net;
using System.Net.Sockets;
using Catalog.Web.Links;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Catalog.Tests.LinkHealth;

public sealed class LinkFetcherTests : IAsyncLifetime
{
    private LinkFixtureServer _web = null!;

    public async ValueTask InitializeAsync() => _web = await LinkFixtureServer.StartAsync();

    public async ValueTask DisposeAsync() => await _web.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The app's own door, configured as a test catalog would be; only loopback fixtures are ever named.</summary>
    /// <param name="timeout">Generous by default: a loopback answer took seconds on a loaded 2-core machine, and a test
    /// of another status must not see a timeout. The timeout test passes a short one.</param>
    private static ServiceProvider Door(bool allowPrivate = true, Func<IPAddress, bool>? rule = null, long maxBytes = 2097152, string timeout = "00:00:20")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Catalog:Links:AllowPrivateAddresses"] = allowPrivate ? "true" : "false",
            ["Catalog:Links:Timeout"] = timeout,
            ["Catalog:Links:PerHostConcurrency"] = "2",
            ["Catalog:Links:MaxBytes"] = maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddCatalogLinks(configuration);
        if (rule is not null)
        {
            services.Configure<HttpClientFactoryOptions>(LinkFetcher.ClientName, o => o.HttpMessageHandlerBuilderActions.Add(b =>
                ((SocketsHttpHandler)b.PrimaryHandler).ConnectCallback = GuardedConnect.Callback(rule)));
        }

        return services.BuildServiceProvider();
    }

    private async Task<LinkVerdict> CheckAsync(string path, ServiceProvider? door = null)
    {
        using var owned = door is null ? Door() : null;
        var fetcher = (door ?? owned!).GetRequiredService<LinkFetcher>();
        return LinkVerdict.From(await fetcher.CheckAsync(_web.Url(path), Ct));
    }

    [Theory]
    [InlineData("/ok", LinkStatus.Ok, 200)]
    [InlineData("/head-refused", LinkStatus.Ok, 200)]
    [InlineData("/temporary", LinkStatus.Ok, 200)]
    [InlineData("/chain/a", LinkStatus.Redirected, 200)]
    [InlineData("/deep/page", LinkStatus.Broken, 200)]
    [InlineData("/missing", LinkStatus.Broken, 404)]
    [InlineData("/gone", LinkStatus.Broken, 410)]
    [InlineData("/limited", LinkStatus.Blocked, 429)]
    [InlineData("/flaky", LinkStatus.Ok, 200)]
    [InlineData("/broken-server", LinkStatus.Error, 500)]
    [InlineData("/cloudflare", LinkStatus.Blocked, 403)]
    [InlineData("/aws-waf", LinkStatus.Blocked, 202)]
    public async Task EachAnswerOfTheWebGetsItsStatus(string path, LinkStatus status, int httpStatus)
    {
        var verdict = await CheckAsync(path);

        Assert.Equal(status, verdict.Status);
        Assert.Equal(httpStatus, verdict.HttpStatus);
    }

    [Fact]
    public async Task APermanentChainRecordsEveryHopAndTheNewUrl()
    {
        using var door = Door();
        var result = await door.GetRequiredService<LinkFetcher>().CheckAsync(_web.Url("/chain/a"), Ct);

        Assert.Equal(["/chain/a", "/chain/b", "/chain/c"], result.Hops.Select(h => h.Url.AbsolutePath));
        Assert.Equal(_web.Url("/chain/c"), LinkVerdict.From(result).FinalUrl);
    }

    [Fact]
    public async Task ASiteRefusingHeadIsAskedAgainWithGet()
    {
        using var door = Door();
        var result = await door.GetRequiredService<LinkFetcher>().CheckAsync(_web.Url("/head-refused"), Ct);

        Assert.Equal(["HEAD", "GET"], result.Hops.Select(h => h.Method));
    }

    [Fact]
    public async Task ARedirectLoopEndsAsAnError()
    {
        var verdict = await CheckAsync("/loop/a");

        Assert.Equal(LinkStatus.Error, verdict.Status);
        Assert.Contains("loop", verdict.Reason);
    }

    [Fact]
    public async Task AnAnswerSlowerThanTheTimeoutIsATimeout()
    {
        using var door = Door(timeout: "00:00:00.500");

        Assert.Equal(LinkStatus.Timeout, (await CheckAsync("/slow", door)).Status);
    }

    [Fact]
    public async Task AClosedPortIsUnreachable()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var door = Door();
        var result = await door.GetRequiredService<LinkFetcher>().CheckAsync(new Uri($"http://127.0.0.1:{port}/"), Ct);

        Assert.Equal(LinkStatus.Unreachable, LinkVerdict.From(result).Status);
    }

    [Fact]
    public async Task AnEndlessBodyIsCutAtTheByteCap()
    {
        using var door = Door(maxBytes: 20_000);
        var result = await door.GetRequiredService<LinkFetcher>().GetAsync(_web.Url("/endless"), Ct);

        Assert.True(result.Truncated);
        Assert.Equal(20_000, result.Body!.Length);
    }

    [Fact]
    public async Task WithPrivateAddressesRefusedNoConnectionReachesLoopback()
    {
        using var door = Door(allowPrivate: false);
        var fetcher = door.GetRequiredService<LinkFetcher>();

        var literal = await fetcher.CheckAsync(_web.Url("/ok"), Ct);
        var named = await fetcher.CheckAsync(new Uri($"http://localhost:{_web.Base.Port}/ok"), Ct);

        Assert.Equal(FetchOutcome.RefusedAddress, literal.Outcome);
        Assert.Equal(FetchOutcome.RefusedAddress, named.Outcome);
        Assert.Equal(LinkStatus.Error, LinkVerdict.From(literal).Status);
        Assert.Equal(0, _web.Requests);
    }

    [Fact]
    public async Task ARedirectToARefusedAddressIsNeverFollowed()
    {
        // A generous timeout: on a busy machine a timed-out first hop would be retried and counted twice.
        using var door = Door(rule: a => a.Equals(IPAddress.Loopback), timeout: "00:00:10");
        var result = await door.GetRequiredService<LinkFetcher>().CheckAsync(_web.Url("/to-refused"), Ct);

        Assert.Equal(FetchOutcome.RefusedAddress, result.Outcome);
        Assert.Equal(1, _web.RequestsTo("127.0.0.1/to-refused"));
        Assert.Equal(0, _web.RequestsTo("127.0.0.2/ok"));
    }

    [Fact]
    public async Task NoMoreThanThePerHostLimitIsInFlightAtOneHost()
    {
        using var door = Door(timeout: "00:00:30");
        var fetcher = door.GetRequiredService<LinkFetcher>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => fetcher.CheckAsync(_web.Url($"/gate/{i}"), Ct)));

        Assert.Equal(2, _web.MaxGated);
    }

    [Fact]
    public async Task EveryRequestNamesTheCatalogAndItsContact()
    {
        using var door = Door();
        var client = door.GetRequiredService<IHttpClientFactory>().CreateClient(LinkFetcher.ClientName);

        Assert.Contains("(+https://", client.DefaultRequestHeaders.UserAgent.ToString());
        await Task.CompletedTask;
    }
}
