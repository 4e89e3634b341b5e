using System.Globalization;
using System.Runtime.InteropServices;
using Catalog.Web.Search.Semantic;

namespace Catalog.Tests.Search.Semantic;

/// <summary>The rows' array: its whole 2 MB pages advised as large pages on Linux, as the kernel's own account of the mapping shows.</summary>
public sealed class RowMemoryTests
{
    [Fact]
    public void LargeRowsBeginOnA2MBPageAndTheirPagesAreAdvisedAsHugePages()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "madvise and /proc/self/smaps are Linux's; elsewhere the rows are an ordinary array");
        Assert.SkipUnless(Directory.Exists("/sys/kernel/mm/transparent_hugepage"), "a kernel built without transparent huge pages refuses the advice");
        var rows = RowMemory.Allocate(5 * RowMemory.HugePage + 12_345);
        Assert.True(MemoryMarshal.TryGetArray<sbyte>(rows, out var window));
        var first = RowMemory.AddressOf(window.Array!) + window.Offset;

        Assert.Equal(5 * RowMemory.HugePage + 12_345, rows.Length);
        Assert.Equal(0, first % RowMemory.HugePage);
        Assert.Contains("hg", FlagsOfMapping(first));
        Assert.Contains("hg", FlagsOfMapping(first + rows.Length - 1));

        // The last page is whole: advised to its end, beyond the rows.
        Assert.Contains("hg", FlagsOfMapping(first + 6 * RowMemory.HugePage - 1));
        GC.KeepAlive(window.Array);
    }

    [Fact]
    public void RowsSmallerThanAPageAreAnOrdinaryArray()
    {
        var rows = RowMemory.Allocate(RowMemory.HugePage - 1);

        Assert.Equal(RowMemory.HugePage - 1, rows.Length);
        Assert.True(MemoryMarshal.TryGetArray<sbyte>(rows, out var window));
        Assert.Equal((0, RowMemory.HugePage - 1), (window.Offset, window.Array!.Length));
    }

    // The VmFlags of the mapping in /proc/self/smaps that holds the address ("hg": advised as huge pages).
    private static string[] FlagsOfMapping(nint address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var from)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var to))
            {
                inside = (ulong)address >= from && (ulong)address < to;
            }
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }

        throw new InvalidOperationException($"No mapping in /proc/self/smaps holds 0x{address:x}.");
    }
}
