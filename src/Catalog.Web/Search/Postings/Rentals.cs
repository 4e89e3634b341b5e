using System.Buffers;

namespace Catalog.Web.Search.Postings;

/// <summary>
/// The arrays one evaluation of a match expression rents from the shared pool (a prefix's merged posting, the AND, OR
/// and NOT of postings), given back together when the search is done with its match (<see cref="MatchSet.Release"/>).
/// A common word's documents are tens of thousands of places at the 200x catalog: new arrays each time were large
/// objects, and the collections that free them kept the large object heap 30 MB bigger (the benchmarks' README).
/// </summary>
internal sealed class Rentals
{
    private readonly List<int[]> _arrays = [];

    /// <summary>An array of at least <paramref name="length"/> places, its contents whatever they were.</summary>
    public int[] Rent(int length)
    {
        var array = ArrayPool<int>.Shared.Rent(length);
        if (array.Length > 0)
        {
            _arrays.Add(array);
        }

        return array;
    }

    /// <summary>Gives every rented array back: nothing written in them may be read after.</summary>
    public void Return()
    {
        foreach (var array in _arrays)
        {
            ArrayPool<int>.Shared.Return(array);
        }

        _arrays.Clear();
    }
}
