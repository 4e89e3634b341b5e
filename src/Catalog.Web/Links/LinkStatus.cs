namespace Catalog.Web.Links;

/// <summary>What one check says about a link. Stored by name, lower-case.</summary>
public enum LinkStatus
{
    Ok,
    Redirected,
    Broken,
    Unreachable,
    Timeout,
    Blocked,
    Error,
}

public static class LinkStatusNames
{
    public static string Name(this LinkStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Broken and unreachable count towards death; the rest are no evidence a page is gone.</summary>
    public static bool IsStrike(this LinkStatus status) => status is LinkStatus.Broken or LinkStatus.Unreachable;
}
