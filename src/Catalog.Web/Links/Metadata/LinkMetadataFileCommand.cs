namespace Catalog.Web.Links.Metadata;

/// <summary>The `links export FILE` and `links import FILE` verbs' work: link metadata to and from a file.</summary>
public sealed class LinkMetadataFileCommand(IServiceProvider services)
{
    public async Task<int> ExportAsync(string path, TextWriter output, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var file = scope.ServiceProvider.GetRequiredService<LinkMetadataFile>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        int count;
        await using (var stream = File.Create(path))
        {
            count = await file.ExportAsync(stream, now, ct);
        }

        await output.WriteLineAsync($"exported link metadata of {count} links to {path}");
        return 0;
    }

    public async Task<int> ImportAsync(string path, TextWriter output, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            await using var stream = File.OpenRead(path);
            var count = await scope.ServiceProvider.GetRequiredService<LinkMetadataFile>().ImportAsync(stream, ct);
            await output.WriteLineAsync($"imported link metadata of {count} links from {path}");
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"{path}: {e.Message}; nothing imported");
            return 1;
        }
    }
}
