using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// Where a snapshot's rows live: on Linux, once they fill a 2 MB page, in 2 MB pages. Every semantic search reads all
/// the rows (17 MB at 200x); in 4 KB pages that walk misses the processor's address cache every 4 KB (benchmarks README,
/// "Rows in 2 MB pages"). Most distributions give large pages only to memory that asks for them
/// (<c>transparent_hugepage</c> set to <c>madvise</c>), so the rows are a window of a pinned array (the collector never
/// moves it, so the advice stays on their pages) that begins on a 2 MB boundary, advised before anything is written into
/// it: its pages are made large when first touched. Elsewhere, or where the kernel says no, it is an ordinary array.
/// </summary>
internal static class RowMemory
{
    public const int HugePage = 2 << 20;

    // MADV_HUGEPAGE in Linux's mman-common.h.
    private const int AdviseHugePages = 14;

    /// <summary>
    /// Room for <paramref name="length"/> values, not cleared (the caller writes what it reads). On Linux, from one 2 MB
    /// page on, it begins on a page boundary and its pages, the last one rounded up, are advised as large pages.
    /// </summary>
    public static Memory<sbyte> Allocate(int length)
    {
        if (length < HugePage || !OperatingSystem.IsLinux())
        {
            return new sbyte[length];
        }

        // A page of slack before (to reach a boundary) and after (so the last page is whole).
        var array = GC.AllocateUninitializedArray<sbyte>(length + 2 * HugePage, pinned: true);
        var start = AddressOf(array);
        var offset = (int)(((start + HugePage - 1) & ~(nint)(HugePage - 1)) - start);
        var pages = (length + HugePage - 1) / HugePage;

        // Refused (a kernel without transparent huge pages): the pages stay small, nothing else changes.
        _ = Advise(start + offset, (nuint)pages * HugePage, AdviseHugePages);
        return array.AsMemory(offset, length);
    }

    /// <summary>The address of a pinned array's first value.</summary>
    internal static unsafe nint AddressOf(sbyte[] pinned) =>
        (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));

    [DllImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Advise(nint address, nuint length, int advice);
}
