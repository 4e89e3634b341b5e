using System.CommandLine;
using Catalog.Web.Links;

namespace Catalog.Web.Cli;

/// <summary>The <c>links</c> group: <c>links check [--json] [--only-due] [--host HOST]</c>; metadata verbs join it here.</summary>
public static class LinksCommand
{
    public static Command Create(CliContext context) => new("links", "Check the catalog's links.")
    {
        Check(context),
        Meta(context),
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

    private static Command Check(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the run's counts as JSON." };
        var onlyDue = new Option<bool>("--only-due") { Description = "Check only links whose last check is older than the check interval." };
        var host = new Option<string?>("--host") { Description = "Check only the links of this host." };
        var command = new Command("check", "Check every link (or those due, or one host's) and record its health; exit 3 when most hosts were unreachable (inconclusive).")
        {
            json, onlyDue, host,
        };
        command.SetAction((parsed, ct) => new LinkCheckCommand(context.Services).RunAsync(
            new LinkCheckOptions(parsed.GetValue(json), parsed.GetValue(onlyDue), parsed.GetValue(host)), context.Out, ct));
        return command;
    }
}
