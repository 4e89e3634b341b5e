using System.Diagnostics.CodeAnalysis;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// The vectors of the last <see cref="Capacity"/> distinct queries, the least recently used given up first. They live
/// in one array, their slots in a dictionary and a list of slots by use, so that caching a query allocates nothing that
/// outlives its search but the query's own text. A memory cache entry per query (the vector, the entry, its options:
/// about 2 KB) outlived the collections that came while it was cached, so with every query distinct most of what each
/// collection kept alive and copied up a generation was the cache (benchmarks README, "Collections").
/// </summary>
internal sealed class QueryVectors
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _slots;
    private readonly string[] _queries;

    // The slots in order of use, a doubly linked list through two arrays: newer[slot] and older[slot], -1 at the ends.
    private readonly int[] _newer;
    private readonly int[] _older;
    private int _newest = -1;
    private int _oldest = -1;
    private int _count;

    // Capacity x dimensions, made with the first vector.
    private float[]? _vectors;
    private int _dimensions;

    public QueryVectors(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _slots = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _queries = new string[capacity];
        _newer = new int[capacity];
        _older = new int[capacity];
    }

    public int Capacity { get; }

    /// <summary>A copy of the query's cached vector (the caller may keep it), now the most recently used.</summary>
    public bool TryGet(string query, [NotNullWhen(true)] out float[]? vector)
    {
        lock (_gate)
        {
            if (_vectors is null || !_slots.TryGetValue(query, out var slot))
            {
                vector = null;
                return false;
            }

            Unlink(slot);
            LinkNewest(slot);
            vector = _vectors.AsSpan(slot * _dimensions, _dimensions).ToArray();
            return true;
        }
    }

    /// <summary>Caches a copy of the vector, in the least recently used slot once all are taken.</summary>
    public void Add(string query, float[] vector)
    {
        lock (_gate)
        {
            _vectors ??= new float[Capacity * (_dimensions = vector.Length)];
            // Two searches may embed one query at once; a vector of another length is not this model's, and not kept.
            if (vector.Length != _dimensions || _slots.ContainsKey(query))
            {
                return;
            }

            int slot;
            if (_count < Capacity)
            {
                slot = _count++;
            }
            else
            {
                slot = _oldest;
                Unlink(slot);
                _slots.Remove(_queries[slot]);
            }

            _queries[slot] = query;
            _slots[query] = slot;
            vector.CopyTo(_vectors.AsSpan(slot * _dimensions, _dimensions));
            LinkNewest(slot);
        }
    }

    private void Unlink(int slot)
    {
        var (newer, older) = (_newer[slot], _older[slot]);
        if (newer >= 0)
        {
            _older[newer] = older;
        }
        else
        {
            _newest = older;
        }

        if (older >= 0)
        {
            _newer[older] = newer;
        }
        else
        {
            _oldest = newer;
        }
    }

    private void LinkNewest(int slot)
    {
        _newer[slot] = -1;
        _older[slot] = _newest;
        if (_newest >= 0)
        {
            _newer[_newest] = slot;
        }

        _newest = slot;
        if (_oldest < 0)
        {
            _oldest = slot;
        }
    }
}
