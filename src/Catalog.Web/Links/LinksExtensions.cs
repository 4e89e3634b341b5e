using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Catalog.Web.Links;

public static class LinksExtensions
{
    /// <summary>The link options and the one outbound door: a named client with retries, a per-attempt timeout and the address rule.</summary>
    public static IServiceCollection AddCatalogLinks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LinkOptions>()
            .Bind(configuration.GetSection(LinkOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<LinkFetcher>();
        services.AddSingleton<WaybackArchive>();
        services.AddScoped<LinkChecker>();
        services.AddScoped<FigureKeeper>();
        services.AddSingleton<LinkCheckRunner>();
        services.AddHostedService<LinkCheckSchedule>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(LinkFetcher.ClientName)
            .ConfigureHttpClient((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<LinkOptions>>().Value;
                client.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeouts rule
                client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgentHeader);
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // Redirects are followed by the fetcher, hop by hop, so each hop is recorded and each address checked.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = GuardedConnect.Callback(AddressRule.For(provider.GetRequiredService<IOptions<LinkOptions>>().Value)),
            })
            .AddResilienceHandler("links", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<LinkOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    MaxDelay = options.Timeout,
                    ShouldRetryAfterHeader = true,
                    // Only what a second try may cure; a refused connection or address will not change in a second.
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: TimeoutRejectedException } => true,
                        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
                        _ => false,
                    }),
                });
                pipeline.AddTimeout(options.Timeout);
            });
        return services;
    }
}
