namespace Catalog.Web.Web;

/// <summary>
/// A fixed-size table of the most recently asked long-tail keys (searches): a key is "seen before" when its slot still
/// holds it. Memory stays at <see cref="Slots"/> numbers however many distinct queries arrive; the window of "soon" is
/// the last few thousand distinct searches. Two keys that share a slot only cost one answer that is not stored.
/// </summary>
public sealed class LongTailFilter
{
    public const int Slots = 8192;

    private readonly long[] _slots = new long[Slots];

    public bool SeenBefore(PathString path, IDictionary<string, string> values)
    {
        var hash = new HashCode();
        hash.Add(path.Value, StringComparer.Ordinal);
        foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        var code = hash.ToHashCode();
        // The high word marks the slot as used, so the hash 0 is not mistaken for an empty slot.
        var entry = (1L << 32) | (uint)code;
        var slot = (int)((uint)code % Slots);
        return Interlocked.Exchange(ref _slots[slot], entry) == entry;
    }
}
