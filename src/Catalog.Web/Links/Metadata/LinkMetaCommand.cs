using System.Text.Json;

namespace Catalog.Web.Links.Metadata;

/// <summary>The `links meta [--json]` verb's work: one metadata run over every link (or one host's).</summary>
public sealed class LinkMetaCommand(IServiceProvider services)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public async Task<int> RunAsync(bool json, string? host, TextWriter output, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var summary = await scope.ServiceProvider.GetRequiredService<LinkMetadataRun>().RunAsync(host, ct);
        await output.WriteLineAsync(json
            ? JsonSerializer.Serialize(summary, s_json)
            : $"metadata for {summary.Links} links: fetched {summary.Fetched}, unchanged {summary.Unchanged}, failed {summary.Failed}, deferred {summary.Deferred}; {summary.Other} left other");
        return 0;
    }
}
