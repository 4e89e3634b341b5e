using Catalog.Web.Admin;
using Catalog.Web.Import;

namespace Catalog.Tests.Admin;

/// <summary>The previews kept between the import page's Preview and Apply, on a real folder.</summary>
public sealed class PendingImportsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "catalog-pending-" + Guid.NewGuid().ToString("N"), "pending-imports");

    private static SeedFile File(int index, int bytes) => new($"seed-{index}.md", new byte[bytes]);

    [Fact]
    public async Task ANewPreviewEvictsTheOldestOncePastTheCount()
    {
        var pending = new PendingImports(_folder, TimeProvider.System, maxPreviews: 3, maxBytes: long.MaxValue);
        var tokens = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            tokens.Add(await pending.SaveAsync(File(i, 10), TestContext.Current.CancellationToken));
            await Task.Delay(20, TestContext.Current.CancellationToken); // distinct modification times, oldest first
        }

        Assert.Equal(3, Directory.GetFiles(_folder, "*.md").Length);
        Assert.Null(await pending.LoadAsync(tokens[0], TestContext.Current.CancellationToken));
        Assert.Null(await pending.LoadAsync(tokens[1], TestContext.Current.CancellationToken));
        Assert.Equal("seed-4.md", (await pending.LoadAsync(tokens[4], TestContext.Current.CancellationToken))?.Name);
    }

    [Fact]
    public async Task ANewPreviewEvictsTheOldestOncePastTheTotalSize()
    {
        var pending = new PendingImports(_folder, TimeProvider.System, maxPreviews: 100, maxBytes: 2_500);
        var tokens = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            tokens.Add(await pending.SaveAsync(File(i, 1_000), TestContext.Current.CancellationToken));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(Directory.GetFiles(_folder, "*.md").Sum(f => new FileInfo(f).Length) <= 2_500);
        Assert.Null(await pending.LoadAsync(tokens[1], TestContext.Current.CancellationToken));
        Assert.NotNull(await pending.LoadAsync(tokens[2], TestContext.Current.CancellationToken));
        Assert.NotNull(await pending.LoadAsync(tokens[3], TestContext.Current.CancellationToken));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PreviewFilesAreReadableByTheAppsUserOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var pending = new PendingImports(_folder, TimeProvider.System);

        var token = await pending.SaveAsync(File(1, 10), TestContext.Current.CancellationToken);

        foreach (var path in Directory.GetFiles(_folder))
        {
            Assert.StartsWith(token, Path.GetFileName(path), StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(path));
        }

        Assert.Equal(UnixFileMode.None, System.IO.File.GetUnixFileMode(_folder) & (UnixFileMode.OtherRead | UnixFileMode.GroupRead));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
}
