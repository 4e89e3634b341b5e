namespace Catalog.Web.Links;

/// <summary>Judges a whole run before any of it is held against a link.</summary>
public static class RunVerdict
{
    /// <summary>
    /// A run is inconclusive when more than half of its hosts could not be reached at all: then the machine has lost
    /// its network, and counting that against every link would bury the whole catalog.
    /// </summary>
    public static bool IsInconclusive(IEnumerable<(string Host, LinkStatus Status)> checks)
    {
        var hosts = checks.GroupBy(c => c.Host, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.All(c => c.Status is LinkStatus.Unreachable or LinkStatus.Timeout))
            .ToList();
        return hosts.Count > 0 && hosts.Count(unreachable => unreachable) * 2 > hosts.Count;
    }
}
