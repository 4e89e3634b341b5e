using System.Text.Json;

namespace Catalog.Web.Links;

/// <summary>Options of `links check` (parsed in Cli/LinksCommand.cs).</summary>
public sealed record LinkCheckOptions(bool Json, bool OnlyDue, string? Host);

/// <summary>The `links check` verb's work, independent of how its arguments were parsed.</summary>
public sealed class LinkCheckCommand(IServiceProvider services)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public async Task<int> RunAsync(LinkCheckOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var checker = scope.ServiceProvider.GetRequiredService<LinkChecker>();
        var summary = await checker.RunAsync(new LinkCheckRequest(options.OnlyDue, options.Host), null, cancellationToken);
        await output.WriteLineAsync(options.Json
            ? JsonSerializer.Serialize(summary, s_json)
            : $"checked {summary.Checked}: ok {summary.Ok}, redirected {summary.Redirected}, broken {summary.Broken}, unreachable {summary.Unreachable}, timeout {summary.Timeout}, blocked {summary.Blocked}, error {summary.Error}; dead {summary.Dead}, archived {summary.Archived}{(summary.Inconclusive ? " (inconclusive: most hosts unreachable, nothing counted)" : "")}");
        return summary.Inconclusive ? 3 : 0;
    }
}
