using System.Text.Json;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// The `links meta [--json]` verb's work: one metadata run over every link (or one host's), under the link check's
/// lease, so it never runs beside a check (which fetches metadata too) from the schedule, the admin page or another CLI.
/// </summary>
public sealed class LinkMetaCommand(IServiceProvider services)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public async Task<int> RunAsync(bool json, string? host, TextWriter output, CancellationToken ct)
    {
        var summary = await services.GetRequiredService<LinkCheckRunner>().RunMetadataAsync(host, "cli", ct);
        if (summary is null)
        {
            await Console.Error.WriteLineAsync("A link check is under way (it fetches metadata too); nothing was fetched. Try again when it has finished.");
            return LinkCheckCommand.BusyExitCode;
        }

        await output.WriteLineAsync(json ? JsonSerializer.Serialize(summary, s_json) : Text(summary));
        return 0;
    }

    public static string Text(LinkMetadataSummary summary) =>
        $"metadata for {summary.Links} links: fetched {summary.Fetched}, unchanged {summary.Unchanged}, failed {summary.Failed}, deferred {summary.Deferred}; {summary.Other} left other";
}
