using System.Net;

namespace Catalog.Tests.Admin;

/// <summary>
/// Behind a proxy (forwarded headers on) the client address comes from X-Forwarded-For, which an attacker with a
/// whole IPv6 /64 or many networks can vary at will: the limits must hold anyway.
/// </summary>
public sealed class SignInLimitTests
{
    private static AdminFactory Proxied(int perClient, int allClients, int lockoutAfter) => new()
    {
        With =
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["Catalog:SignInAttemptsPerMinute"] = perClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Catalog:SignInAttemptsPerMinuteAllClients"] = allClients.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Catalog:AdminLockoutAfterFailures"] = lockoutAfter.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    private static async Task<HttpStatusCode> AttemptFromAsync(AdminFactory factory, string address, string password)
    {
        var browser = factory.CreateBrowser();
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        using var response = await browser.SignInAsync(password);
        return response.StatusCode;
    }

    [Fact]
    public async Task ThirtyAddressesOfOneIpv6Slash64AreLimitedTogether()
    {
        await using var factory = Proxied(perClient: 5, allClients: 1000, lockoutAfter: 1000);

        var statuses = new List<HttpStatusCode>();
        for (var host = 1; host <= 30; host++)
        {
            statuses.Add(await AttemptFromAsync(factory, $"2001:db8:1:2:{host:x}::{host:x}", "guess " + host));
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(25, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // Another /64 and an IPv4 client are their own partitions.
        Assert.Equal(HttpStatusCode.OK, await AttemptFromAsync(factory, "2001:db8:1:3::1", "guess"));
        Assert.Equal(HttpStatusCode.OK, await AttemptFromAsync(factory, "203.0.113.7", "guess"));
    }

    [Fact]
    public async Task TheCeilingOnAllClientsHoldsAcrossManyNetworks()
    {
        await using var factory = Proxied(perClient: 5, allClients: 12, lockoutAfter: 1000);

        var statuses = new List<HttpStatusCode>();
        for (var network = 1; network <= 30; network++)
        {
            statuses.Add(await AttemptFromAsync(factory, $"2001:db8:{network:x}::1", "guess " + network));
        }

        Assert.Equal(12, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Skip(12), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task RepeatedFailuresCloseSignInEvenForTheRightPasswordFromAnotherAddress()
    {
        await using var factory = Proxied(perClient: 1000, allClients: 1000, lockoutAfter: 3);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, await AttemptFromAsync(factory, $"198.51.100.{attempt}", "guess " + attempt));
        }

        var browser = factory.CreateBrowser();
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.99");
        using var refused = await browser.SignInAsync(AdminFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.DoesNotContain(refused.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("catalog-admin=", StringComparison.Ordinal)));
        Assert.StartsWith("Too many sign-in attempts.", (await refused.ReadPageAsync()).QuerySelector("#status-message")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    public void ClientsArePartitionedByIpv4AddressOrIpv6Slash64(string address, string key) =>
        Assert.Equal(key, Catalog.Web.Admin.SignInRateLimit.ClientKey(IPAddress.Parse(address)));
}
