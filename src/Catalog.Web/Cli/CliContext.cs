namespace Catalog.Web.Cli;

/// <summary>What a verb's action reads besides its options: the built host's services and the real stdout.</summary>
public sealed class CliContext
{
    private IServiceProvider? _services;

    /// <summary>The host's services; set once the host is built, before any action runs.</summary>
    public IServiceProvider Services
    {
        get => _services ?? throw new InvalidOperationException("The host is not built.");
        set => _services = value;
    }

    /// <summary>Where a verb's result goes (logs go to stderr).</summary>
    public TextWriter Out { get; set; } = Console.Out;
}
