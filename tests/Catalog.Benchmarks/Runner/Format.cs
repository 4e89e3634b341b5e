using System.Globalization;

namespace Catalog.Benchmarks.Runner;

public static class Format
{
    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F0} MB");

    public static string Rate(double requestsPerSecond) => string.Create(CultureInfo.InvariantCulture, $"{requestsPerSecond:N0} req/s");

    public static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:F2} ms");
}
