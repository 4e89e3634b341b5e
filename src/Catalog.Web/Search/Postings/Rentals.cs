using System.Buffers;

namespace Catalog.Web.Search.Postings;

/// <summary>
/// The arrays one evaluation of a match expression rents from the shared pool (a prefix's merged posting, the AND, OR
/// and NOT of postings, the documents' scores), given back together when the search is done with its match
/// (<see cref="MatchSet.Release"/>). A common word's documents are tens of thousands of places at the 200x catalog:
/// new arrays each time were large objects, and the collections that free them kept the large object heap 30 MB
/// bigger (the benchmarks' README).
/// </summary>
internal sealed class Rentals
{
    private readonly List<int[]> _places = [];
    private readonly List<double[]> _scores = [];

    /// <summary>An array of at least <paramref name="length"/> places, its contents whatever they were.</summary>
    public int[] Rent(int length) => Kept(ArrayPool<int>.Shared.Rent(length), _places);

    /// <summary>An array of at least <paramref name="length"/> scores, its contents whatever they were.</summary>
    public double[] RentScores(int length) => Kept(ArrayPool<double>.Shared.Rent(length), _scores);

    /// <summary>Gives every rented array back: nothing written in them may be read after.</summary>
    public void Return()
    {
        GiveBack(_places);
        GiveBack(_scores);
    }

    private static T[] Kept<T>(T[] array, List<T[]> kept)
    {
        if (array.Length > 0)
        {
            kept.Add(array);
        }

        return array;
    }

    private static void GiveBack<T>(List<T[]> kept)
    {
        foreach (var array in kept)
        {
            ArrayPool<T>.Shared.Return(array);
        }

        kept.Clear();
    }
}
