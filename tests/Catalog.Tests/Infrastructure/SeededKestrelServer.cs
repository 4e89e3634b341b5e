namespace Catalog.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 (a free port) over its own database, with the given markdown as its only seed,
/// imported on start. Clients come from <see cref="CreateSocketClient"/>: real sockets, redirects not followed.
/// </summary>
public abstract class SeededKestrelServer : CatalogFactory
{
    protected SeededKestrelServer(string seed)
    {
        Directory.CreateDirectory(SeedsPath);
        File.WriteAllText(Path.Combine(SeedsPath, "seed.md"), seed);
        BaseAddress = StartOnLoopback();
    }

    public override string SeedsPath => Path.Combine(Folder, "seeds");

    public Uri BaseAddress { get; }

    public HttpClient CreateSocketClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>The repository's seed with one more topic, "Generalization Theory", at the end.</summary>
    public static string SeedWithGeneralizationTheory() =>
        File.ReadAllText(EmptyCatalogFactory.SeedPath) + "\n\n## Generalization Theory\n\n- [Rethinking generalization](https://arxiv.org/abs/1611.03530)\n";
}
