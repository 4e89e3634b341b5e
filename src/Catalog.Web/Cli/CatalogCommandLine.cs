using System.CommandLine;

namespace Catalog.Web.Cli;

/// <summary>
/// Decides once whether the executable serves the catalog or runs a verb, and runs the verb. The verbs are a contract
/// other tools use: names, options, output and exit codes (0 done, 1 failed, 2 usage, 3 needs --yes or another import
/// is running). The parsing is System.CommandLine's; each verb is one small file (<see cref="ImportCommand"/>,
/// <see cref="BackupCommand"/>, <see cref="HashPasswordCommand"/>).
/// </summary>
/// <remarks>
/// To add a verb: write a static class with <c>Create(CliContext context)</c> returning a <see cref="Command"/> whose
/// action reads its options from the <see cref="ParseResult"/> and services from <see cref="CliContext.Services"/>,
/// and list it in <see cref="CreateRoot"/>. A group such as <c>links check</c> is a <see cref="Command"/> holding
/// subcommands.
/// </remarks>
public sealed class CatalogCommandLine
{
    public const int Usage = 2;

    // Words System.CommandLine answers itself: help, and the version of the program (never a reason to serve).
    private static readonly string[] s_parserWords = ["help", "--help", "-h", "-?", "--version"];

    private readonly ParseResult? _parsed;

    private readonly CliContext _context;

    private CatalogCommandLine(string[] hostArgs, ParseResult? parsed, CliContext context)
    {
        HostArgs = hostArgs;
        _parsed = parsed;
        _context = context;
    }

    /// <summary>True when a verb runs: nothing is served.</summary>
    public bool IsCommand => _parsed is not null;

    /// <summary>The arguments the host's configuration reads: all of them to serve, only <c>--Section:Key=value</c> switches for a verb.</summary>
    public string[] HostArgs { get; }

    /// <summary>
    /// A first argument that is a word (not an option, not a <c>key=value</c> setting) names a verb, known or not; anything
    /// else (nothing, <c>--urls ...</c>, <c>--Catalog:SeedsPath=...</c>) serves the catalog.
    /// </summary>
    public static CatalogCommandLine Parse(string[] args)
    {
        var context = new CliContext();
        if (!NamesVerb(args))
        {
            return new CatalogCommandLine(args, null, context);
        }

        // A verb runs once: its configuration files are read, never watched (a watcher per process costs an inotify
        // instance, a per-user resource that concurrent runs can exhaust).
        string[] settings = [.. args.Where(IsSetting), "--hostBuilder:reloadConfigOnChange=false"];
        var verbArgs = args.Where(a => !IsSetting(a)).Select(a => a == "help" ? "--help" : a).ToArray();
        return new CatalogCommandLine(settings, CreateRoot(context).Parse(verbArgs), context);
    }

    /// <summary>True when the verb needs no host: a usage error, help or the version, answered before anything is built.</summary>
    public bool CompletesWithoutHost =>
        _parsed is { Errors.Count: > 0 } || _parsed?.Action is System.CommandLine.Help.HelpAction || _parsed?.CommandResult.Command is RootCommand;

    /// <returns>The process exit code.</returns>
    public Task<int> RunWithoutHostAsync() => RunAsync(services: null, CancellationToken.None);

    /// <returns>The process exit code.</returns>
    public async Task<int> RunAsync(IServiceProvider? services, CancellationToken ct)
    {
        var parsed = _parsed ?? throw new InvalidOperationException("No verb to run.");
        if (parsed.Errors.Count > 0)
        {
            // One clear line: an unknown verb by its name, else what is wrong with the verb's arguments.
            var unknownVerb = parsed.CommandResult.Command is RootCommand;
            Console.Error.WriteLine(unknownVerb
                ? $"Unknown command '{parsed.Tokens[0].Value}'. The commands are listed below."
                : string.Join(" ", parsed.Errors.Select(e => e.Message)));

            // Then the usage of the verb that was meant, or of the whole program.
            var verb = unknownVerb ? [] : new[] { parsed.CommandResult.Command.Name };
            await CreateRoot(_context).Parse([.. verb, "--help"]).InvokeAsync(new InvocationConfiguration { Output = Console.Error }, ct);
            return Usage;
        }

        // Logs (the console sink included) go to stderr: stdout carries only the command's result, so --json pipes.
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        try
        {
            if (services is not null)
            {
                _context.Services = services;
            }

            _context.Out = stdout;
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, EnableDefaultExceptionHandler = false }, ct);
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    private static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand("Catalog: serves the deep-learning-theory catalog (no verb), or runs one of these verbs.")
        {
            ImportCommand.Create(context),
            BackupCommand.Create(context),
            Export.ExportCommand.Create(context),
            LinksCommand.Create(context),
            HashPasswordCommand.Create(context),
        };
        return root;
    }

    private static bool NamesVerb(string[] args) =>
        args is [var first, ..] && (s_parserWords.Contains(first) || (!first.StartsWith('-') && !first.Contains('=')));

    private static bool IsSetting(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf(':') is > 2 and var colon && arg.IndexOf('=') > colon;
}
