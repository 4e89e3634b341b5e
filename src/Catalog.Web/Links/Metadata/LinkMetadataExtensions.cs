namespace Catalog.Web.Links.Metadata;

public static class LinkMetadataExtensions
{
    /// <summary>The metadata sources (all through <see cref="LinkFetcher"/>, the one outbound door) and the run.</summary>
    public static IServiceCollection AddLinkMetadata(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LinkMetadataOptions>()
            .Bind(configuration.GetSection(LinkOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // arXiv's spacing holds across runs; the other sources' budgets are a run's own.
        services.AddSingleton<ArxivSource>();
        services.AddScoped<CrossrefSource>();
        services.AddScoped<GitHubSource>();
        services.AddScoped<OEmbedSource>();
        services.AddScoped<PageSource>();
        services.AddScoped<LinkMetadataRun>();
        services.AddScoped<LinkMetadataStore>();
        services.AddScoped<LinkMetadataFile>();
        services.AddScoped<LinkMetaReader>();
        return services;
    }
}
