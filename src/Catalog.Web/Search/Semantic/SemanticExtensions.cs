namespace Catalog.Web.Search.Semantic;

public static class SemanticExtensions
{
    /// <summary>Semantic ranking: the in-memory index always (empty when off), the model and its background indexer when on.</summary>
    public static IServiceCollection AddSemanticSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SemanticOptions>()
            .Bind(configuration.GetSection(SemanticOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SemanticIndex>();
        services.AddSingleton(services => new TextEmbedder(ModelFolder(
            services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>())));
        if (configuration.GetSection(SemanticOptions.Section).GetValue(nameof(SemanticOptions.Semantic), defaultValue: true))
        {
            services.AddHostedService<SemanticIndexer>();
        }

        return services;
    }

    /// <summary>Where the model file goes: beside the database, with the app's other data.</summary>
    public static string ModelFolder(IConfiguration configuration, IHostEnvironment environment) =>
        Path.Combine(Admin.AdminExtensions.DataFolder(configuration, environment), "models");
}
