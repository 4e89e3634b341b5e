using System.CommandLine;
using Catalog.Web.Links;

namespace Catalog.Web.Cli;

/// <summary>The <c>links</c> group: <c>links check [--json] [--only-due] [--host HOST]</c>, <c>links meta [--json] [--host HOST]</c>, <c>links export FILE</c>, <c>links import FILE</c>.</summary>
public static class LinksCommand
{
    public static Command Create(CliContext context) => new("links", "Check the catalog's links and fetch what they are.")
    {
        Check(context),
        Meta(context),
        ExportFile(context),
        ImportFile(context),
    };

    private static Command Meta(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the run's counts as JSON." };
        var host = new Option<string?>("--host") { Description = "Fetch only the metadata of this host's links." };
        var command = new Command("meta", "Fetch what each link is (title, authors, year, venue) from arXiv, Crossref, GitHub, oEmbed or the page itself.")
        {
            json, host,
        };
        command.SetAction((parsed, ct) => new Links.Metadata.LinkMetaCommand(context.Services).RunAsync(parsed.GetValue(json), parsed.GetValue(host), context.Out, ct));
        return command;
    }

    private static Command ExportFile(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The JSON file to write (format in README, \"Link metadata\")." };
        var command = new Command("export", "Write every link's fetched metadata to a JSON file, for a catalog without network access.") { file };
        command.SetAction((parsed, ct) => new Links.Metadata.LinkMetadataFileCommand(context.Services).ExportAsync(parsed.GetValue(file)!, context.Out, ct));
        return command;
    }

    private static Command ImportFile(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A JSON file written by 'links export'." };
        var command = new Command("import", "Load link metadata from a JSON file written by 'links export' (validated; all or nothing).") { file };
        command.SetAction((parsed, ct) => new Links.Metadata.LinkMetadataFileCommand(context.Services).ImportAsync(parsed.GetValue(file)!, context.Out, ct));
        return command;
    }

    private static Command Check(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the run's counts as JSON." };
        var onlyDue = new Option<bool>("--only-due") { Description = "Check only links whose last check is older than the check interval." };
        var host = new Option<string?>("--host") { Description = "Check only the links of this host." };
        var command = new Command("check", "Check every link (or those due, or one host's) and record its health, then fetch link metadata (as links meta); exit 3 when most hosts were unreachable (inconclusive).")
        {
            json, onlyDue, host,
        };
        // The run refreshes what the links are too (LinkCheckRunner), unless the machine had no network.
        command.SetAction((parsed, ct) => new LinkCheckCommand(context.Services).RunAsync(
            new LinkCheckOptions(parsed.GetValue(json), parsed.GetValue(onlyDue), parsed.GetValue(host)), context.Out, ct));
        return command;
    }
}
