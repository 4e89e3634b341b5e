using Catalog.Tests.Admin;
using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Cli;

/// <summary><c>dotnet Catalog.Web.dll export ...</c> as a real child process on a temporary database.</summary>
public sealed class ExportCommandLineTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("catalog-export-");

    private string DatabasePath => Path.Combine(_folder.FullName, "catalog.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task ExportWritesTheSourceBackByteForByteAndEachFormat()
    {
        Assert.Equal(0, (await CatalogProcess.RunAsync(DatabasePath, "import", Seeds.OriginalPath)).ExitCode);
        var markdown = Path.Combine(_folder.FullName, "back.md");
        var json = Path.Combine(_folder.FullName, "catalog.json");

        var source = await CatalogProcess.RunAsync(DatabasePath, "export", Seeds.Name, markdown, "--resolved");
        var dump = await CatalogProcess.RunAsync(DatabasePath, "export", "--format", "json", json);

        Assert.Equal(0, source.ExitCode);
        Assert.Equal(Seeds.Original, await File.ReadAllBytesAsync(markdown, TestContext.Current.CancellationToken));
        Assert.Equal(0, dump.ExitCode);
        Assert.StartsWith($"Exported json to {json}", dump.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"version\": 1", await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownSourceOrAMissingCatalogIsExitCodeOne()
    {
        var target = Path.Combine(_folder.FullName, "out.md");
        var empty = await CatalogProcess.RunAsync(DatabasePath, "export", "--format", "csv", target);
        Assert.Equal(0, (await CatalogProcess.RunAsync(DatabasePath, "import", Seeds.OriginalPath)).ExitCode);
        var unknown = await CatalogProcess.RunAsync(DatabasePath, "export", "nope.md", target);

        Assert.Equal(1, empty.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains($"no source named nope.md; the catalog has {Seeds.Name}", unknown.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task AMalformedExportIsAUsageError()
    {
        var result = await CatalogProcess.RunAsync(DatabasePath, "export", "--format", "pdf", "out.pdf");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Cannot parse argument 'pdf' for option '--format'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Catalog.Web export <[source] file>... [options]", result.Stderr, StringComparison.Ordinal);
    }
}
