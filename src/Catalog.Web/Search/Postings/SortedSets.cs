namespace Catalog.Web.Search.Postings;

/// <summary>
/// AND, OR and NOT of ascending runs of document places. Each result is written into an array rented for the search
/// (<see cref="Rentals"/>) as long as it could be, and is the part of it written: a common word's matches would
/// otherwise be a new large object each time, which only a full collection frees.
/// </summary>
internal static class SortedSets
{
    /// <summary>
    /// Array.BinarySearch's answer for <paramref name="value"/> in <paramref name="sorted"/> from <paramref name="from"/>
    /// on, found by doubling steps from <paramref name="from"/> first: a value near the last one found costs a few
    /// comparisons instead of a search over the whole rest.
    /// </summary>
    public static int Gallop<T>(ReadOnlySpan<T> sorted, int from, T value)
        where T : IComparable<T>
    {
        var bound = 1;
        while (from + bound - 1 < sorted.Length && sorted[from + bound - 1].CompareTo(value) < 0)
        {
            bound <<= 1;
        }

        var start = from + bound / 2;
        var found = sorted[start..Math.Min(sorted.Length, from + bound)].BinarySearch(value);
        return found >= 0 ? start + found : ~(start + ~found);
    }

    public static ArraySegment<int> Intersect(ArraySegment<int> left, ArraySegment<int> right, Rentals rentals)
    {
        var result = rentals.Rent(Math.Min(left.Count, right.Count));
        ReadOnlySpan<int> l = left, r = right;
        var n = 0;
        for (int i = 0, j = 0; i < l.Length && j < r.Length;)
        {
            if (l[i] < r[j])
            {
                i++;
            }
            else if (l[i] > r[j])
            {
                j++;
            }
            else
            {
                result[n++] = l[i];
                i++;
                j++;
            }
        }

        return new ArraySegment<int>(result, 0, n);
    }

    public static ArraySegment<int> Union(ArraySegment<int> left, ArraySegment<int> right, Rentals rentals)
    {
        var result = rentals.Rent(left.Count + right.Count);
        ReadOnlySpan<int> l = left, r = right;
        int n = 0, i = 0, j = 0;
        while (i < l.Length && j < r.Length)
        {
            if (l[i] < r[j])
            {
                result[n++] = l[i++];
            }
            else if (l[i] > r[j])
            {
                result[n++] = r[j++];
            }
            else
            {
                result[n++] = l[i];
                i++;
                j++;
            }
        }

        l[i..].CopyTo(result.AsSpan(n));
        n += l.Length - i;
        r[j..].CopyTo(result.AsSpan(n));
        n += r.Length - j;
        return new ArraySegment<int>(result, 0, n);
    }

    public static ArraySegment<int> Except(ArraySegment<int> left, ArraySegment<int> right, Rentals rentals)
    {
        var result = rentals.Rent(left.Count);
        ReadOnlySpan<int> r = right;
        var n = 0;
        var j = 0;
        foreach (var document in left.AsSpan())
        {
            while (j < r.Length && r[j] < document)
            {
                j++;
            }

            if (j >= r.Length || r[j] != document)
            {
                result[n++] = document;
            }
        }

        return new ArraySegment<int>(result, 0, n);
    }
}
