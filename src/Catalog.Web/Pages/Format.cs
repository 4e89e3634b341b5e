using System.Globalization;

namespace Catalog.Web.Pages;

/// <summary>Numbers and dates as the pages write them, the same on every machine (invariant culture, UTC).</summary>
public static class Format
{
    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(int n, string singular, string? plural = null) =>
        Number(n) + " " + (n == 1 ? singular : plural ?? singular + "s");

    public static string Date(DateTimeOffset at) =>
        at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>For the datetime attribute of &lt;time&gt;.</summary>
    public static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
