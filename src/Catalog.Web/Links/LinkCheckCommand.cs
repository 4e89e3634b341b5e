using System.Text.Json;
using Catalog.Web.Cli;

namespace Catalog.Web.Links;

/// <summary>Options of `links check` (parsed in Cli/LinksCommand.cs).</summary>
public sealed record LinkCheckOptions(bool Json, bool OnlyDue, string? Host);

/// <summary>The `links check` verb's work, independent of how its arguments were parsed.</summary>
public sealed class LinkCheckCommand(IServiceProvider services)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Exit code when another run (a server's schedule, the admin page, another CLI) holds the lease.</summary>
    public const int BusyExitCode = 4;

    public async Task<int> RunAsync(LinkCheckOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var runner = services.GetRequiredService<LinkCheckRunner>();
        var request = new LinkCheckRequest(options.OnlyDue, options.Host);
        var summary = await Progress.RunAsync("Checking links", options.Json,
            progress => runner.RunAsync(request, "cli", progress, cancellationToken));
        if (summary is null)
        {
            await Console.Error.WriteLineAsync("Another link check is under way; nothing was checked. Try again when it has finished.");
            return BusyExitCode;
        }

        await output.WriteLineAsync(options.Json
            ? JsonSerializer.Serialize(summary, s_json)
            : $"checked {summary.Checked}: ok {summary.Ok}, redirected {summary.Redirected}, broken {summary.Broken}, unreachable {summary.Unreachable}, timeout {summary.Timeout}, blocked {summary.Blocked}, error {summary.Error}; dead {summary.Dead}, archived {summary.Archived}{(summary.Inconclusive ? " (inconclusive: most hosts unreachable, nothing counted)" : "")}{(summary.Metadata is { } meta ? Environment.NewLine + Metadata.LinkMetaCommand.Text(meta) : "")}");
        return summary.Inconclusive ? 3 : 0;
    }
}
