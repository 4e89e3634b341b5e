using System.Runtime.CompilerServices;

namespace Catalog.Tests.Infrastructure;

/// <summary>Settings every host this test run starts shares: in-process factories and the app run as a child process.</summary>
internal static class TestHostDefaults
{
    /// <summary>
    /// Hosts read their configuration files once instead of watching them. Each watcher holds an inotify instance, a
    /// per-user resource (128 on Debian) that a few hundred short-lived hosts, or two test runs side by side,
    /// otherwise exhaust; no test changes a configuration file while its host runs.
    /// </summary>
    [ModuleInitializer]
    internal static void ReadConfigurationWithoutWatching() =>
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");

    /// <summary>
    /// The web root's file provider polls instead of holding an inotify instance: <c>asp-append-version</c> watches each
    /// stylesheet and script it versions, one watcher per host, and a suite run beside another one ran out of instances
    /// ("The configured user limit (128) on the number of inotify instances has been reached"). Nothing here changes a
    /// file under wwwroot while a host runs; the seed watcher's own FileSystemWatcher is not affected.
    /// </summary>
    [ModuleInitializer]
    internal static void PollTheWebRootInsteadOfWatchingIt() =>
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
