using Catalog.Tests.Infrastructure;
using Catalog.Web;
using Catalog.Web.Import;

namespace Catalog.Tests.Import;

/// <summary>
/// A file over the size limit is refused by its length, before it is read: sparse files of gigabytes, which take no
/// disk space, stand for the real ones that once took the CLI's memory to twice their size or crashed it.
/// </summary>
public sealed class SeedFileSizeTests : IDisposable
{
    private const long ThreeGigabytes = 3L * 1024 * 1024 * 1024;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("catalog-size-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task AFileOverTheLimitIsRefusedByItsLengthWithoutBeingRead()
    {
        var path = Sparse("huge.md", ThreeGigabytes);
        var limit = new CatalogOptions().MaxSeedBytes;

        var error = await Assert.ThrowsAsync<SeedFileException>(() => SeedFile.ReadAsync(path, limit, TestContext.Current.CancellationToken));

        Assert.Equal($"huge.md: {ThreeGigabytes:N0} bytes is over the size limit of {limit:N0} bytes.", error.Message);
    }

    [Fact]
    public async Task AFileAtTheLimitIsRead()
    {
        var path = Sparse("edge.md", 1024);

        var file = await SeedFile.ReadAsync(path, 1024, TestContext.Current.CancellationToken);

        Assert.Equal(1024, file.Content.Length);
    }

    [Fact]
    public async Task TheCliRefusesAHugeFileWithOneLineAndExitCode1()
    {
        var path = Sparse("huge.md", ThreeGigabytes);

        var result = await CatalogProcess.RunAsync(Path.Combine(_folder.FullName, "catalog.db"), "import", path, "--dry-run");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"huge.md: {ThreeGigabytes:N0} bytes is over the size limit of {new CatalogOptions().MaxSeedBytes:N0} bytes.", result.Stderr.Trim());
    }

    private string Sparse(string name, long length)
    {
        var path = Path.Combine(_folder.FullName, name);
        using var file = File.Create(path);
        file.SetLength(length);
        return path;
    }
}
