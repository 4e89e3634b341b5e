namespace Catalog.Benchmarks;

/// <summary>Where things are: found from the repository root (the folder with Catalog.sln).</summary>
public sealed class RepoPaths
{
    private RepoPaths(string root) => Root = root;

    public string Root { get; }

    public string Seed => Path.Combine(Root, "seeds", "science-of-deep-learning.md");

    public string SeedsFolder => Path.Combine(Root, "seeds");

    public string WebProject => Path.Combine(Root, "src", "Catalog.Web");

    /// <summary>The Release build the benchmark measures (the one a deployment runs).</summary>
    public string AppFolder => Path.Combine(WebProject, "bin", "Release", "net10.0");

    public string AppDll => Path.Combine(AppFolder, "Catalog.Web.dll");

    /// <summary>The app as <c>dotnet publish -c Release</c> lays it out (ReadyToRun code included): what an operator starts.</summary>
    public string PublishFolder => Path.Combine(Artifacts, "publish");

    /// <summary>Generated corpora, databases and logs: gitignored, never committed.</summary>
    public string Artifacts => Path.Combine(Root, "artifacts", "bench");

    public string Readme => Path.Combine(Root, "tests", "Catalog.Benchmarks", "README.md");

    public static RepoPaths Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Catalog.sln")))
                {
                    return new RepoPaths(dir.FullName);
                }
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository (no Catalog.sln found above this folder).");
    }
}
