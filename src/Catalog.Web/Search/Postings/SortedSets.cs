namespace Catalog.Web.Search.Postings;

/// <summary>AND, OR and NOT of ascending arrays of document places.</summary>
internal static class SortedSets
{
    public static int[] Intersect(int[] left, int[] right)
    {
        var result = new List<int>(Math.Min(left.Length, right.Length));
        for (int i = 0, j = 0; i < left.Length && j < right.Length;)
        {
            if (left[i] == right[j])
            {
                result.Add(left[i]);
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

        return [.. result];
    }

    public static int[] Union(int[] left, int[] right)
    {
        var result = new int[left.Length + right.Length];
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

        return n == result.Length ? result : result[..n];
    }

    public static int[] Except(int[] left, int[] right)
    {
        var result = new List<int>(left.Length);
        var j = 0;
        foreach (var document in left)
        {
            while (j < right.Length && right[j] < document)
            {
                j++;
            }

            if (j >= right.Length || right[j] != document)
            {
                result.Add(document);
            }
        }

        return [.. result];
    }

    private static int Both(ref int i, ref int j, int document)
    {
        i++;
        j++;
        return document;
    }
}
