using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Admin;

/// <summary>
/// Sign-in attempts (POSTs; showing the form is free) per client: <c>Catalog:SignInAttemptsPerMinute</c> in a
/// one-minute window, an IPv4 client by its address and an IPv6 client by its /64, since one host or customer
/// usually holds a whole /64. <see cref="Ceiling"/> bounds all clients together. A refused attempt answers 429 with
/// Retry-After; the admin status page explains it.
/// </summary>
public sealed class SignInRateLimit(IOptions<CatalogOptions> options) : IRateLimiterPolicy<string>
{
    public const string Policy = "sign-in";

    public static Func<OnRejectedContext, CancellationToken, ValueTask> SetRetryAfter { get; } = (context, _) =>
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return ValueTask.CompletedTask;
    };

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => SetRetryAfter;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        // Behind a reverse proxy every client shares its address unless forwarded headers are configured.
        return RateLimitPartition.GetFixedWindowLimiter(ClientKey(httpContext.Connection.RemoteIpAddress), _ => PerMinute(options.Value.SignInAttemptsPerMinute));
    }

    /// <summary>
    /// <c>Catalog:SignInAttemptsPerMinuteAllClients</c>: sign-in attempts from everyone together, so that an attacker
    /// with many addresses or networks still gets only so many password checks (each costs real CPU).
    /// </summary>
    public static PartitionedRateLimiter<HttpContext> Ceiling(CatalogOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            HttpMethods.IsPost(context.Request.Method)
                && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Policy
                ? RateLimitPartition.GetFixedWindowLimiter("all", _ => PerMinute(options.SignInAttemptsPerMinuteAllClients))
                : RateLimitPartition.GetNoLimiter(""));

    /// <summary>The partition of a client address: IPv4 whole, IPv6 by its /64 (the network a host is given).</summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
