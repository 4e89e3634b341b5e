namespace Catalog.Web.Web;

/// <summary>
/// A value read once per catalog version (<see cref="CatalogVersion"/>): the first request that sees a new version
/// reads it, and requests meanwhile wait for that one read rather than each starting their own.
/// </summary>
public sealed class PerVersion<T>(CatalogVersion version) : IDisposable
    where T : class
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile Entry? _current;

    /// <summary>The catalog version of the value read last; null before the first read.</summary>
    public long? ReadVersion => _current?.Version;

    /// <summary>The current version's value; <paramref name="read"/> is called with the version only when it was not read yet.</summary>
    public async Task<T> GetAsync(Func<long, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        var wanted = version.Current.Version;
        if (_current is { } known && known.Version == wanted)
        {
            return known.Value;
        }

        await _reading.WaitAsync(ct);
        try
        {
            if (_current is { } latest && latest.Version == wanted)
            {
                return latest.Value;
            }

            var entry = new Entry(wanted, await read(wanted, ct));
            _current = entry;
            return entry.Value;
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _reading.Dispose();

    private sealed record Entry(long Version, T Value);
}
