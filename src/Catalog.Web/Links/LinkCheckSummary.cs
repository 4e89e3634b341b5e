namespace Catalog.Web.Links;

/// <summary>A run's counts; its JSON shape is what `links check --json` prints and tools read.</summary>
/// <param name="Metadata">The metadata step's counts (link metadata, issue 17); null when it did not run (an inconclusive check).</param>
public sealed record LinkCheckSummary(
    int Checked, int Ok, int Redirected, int Broken, int Unreachable, int Timeout, int Blocked, int Error,
    int Dead, int Archived, bool Inconclusive, Metadata.LinkMetadataSummary? Metadata = null);
