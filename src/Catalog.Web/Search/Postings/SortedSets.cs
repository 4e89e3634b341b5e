namespace Catalog.Web.Search.Postings;

/// <summary>
/// AND, OR and NOT of ascending arrays of document places. Each result is counted first and allocated once at its
/// size: a common word's matches make a large object, which only a full collection frees.
/// </summary>
internal static class SortedSets
{
    public static int[] Intersect(int[] left, int[] right)
    {
        var result = new int[Common(left, right)];
        Common(left, right, result);
        return result;
    }

    public static int[] Union(int[] left, int[] right)
    {
        var result = new int[left.Length + right.Length - Common(left, right)];
        var n = 0;
        int i = 0, j = 0;
        while (i < left.Length && j < right.Length)
        {
            result[n++] = left[i] < right[j] ? left[i++] : left[i] > right[j] ? right[j++] : Both(ref i, ref j, left[i]);
        }

        while (i < left.Length)
        {
            result[n++] = left[i++];
        }

        while (j < right.Length)
        {
            result[n++] = right[j++];
        }

        return result;
    }

    public static int[] Except(int[] left, int[] right)
    {
        var result = new int[left.Length - Common(left, right)];
        var n = 0;
        var j = 0;
        foreach (var document in left)
        {
            while (j < right.Length && right[j] < document)
            {
                j++;
            }

            if (j >= right.Length || right[j] != document)
            {
                result[n++] = document;
            }
        }

        return result;
    }

    // How many places the two arrays share.
    private static int Common(int[] left, int[] right) => Common(left, right, []);

    // The same, written into the span as well while it has room.
    private static int Common(int[] left, int[] right, Span<int> into)
    {
        var common = 0;
        for (int i = 0, j = 0; i < left.Length && j < right.Length;)
        {
            if (left[i] == right[j])
            {
                if (common < into.Length)
                {
                    into[common] = left[i];
                }

                common++;
                i++;
                j++;
            }
            else if (left[i] < right[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return common;
    }

    private static int Both(ref int i, ref int j, int document)
    {
        i++;
        j++;
        return document;
    }
}
