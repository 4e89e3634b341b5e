using System.Runtime.InteropServices;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// Gives the C heap's free pages back to the operating system. ONNX Runtime allocates with malloc: loading the model
/// and a pass's batches free large buffers that glibc keeps in its arenas, where they count in the server's resident
/// memory for the rest of its life (the benchmarks' README, "Memory with semantic ranking"). <c>malloc_trim</c>
/// releases the free pages of every arena. Only glibc has it: elsewhere this does nothing.
/// </summary>
public static class NativeHeap
{
    /// <returns>Whether the heap was trimmed: false where the C library has no <c>malloc_trim</c> (musl, macOS, Windows).</returns>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            _ = MallocTrim(0); // 1 when pages went back, 0 when there were none to give: both fine.
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    // DllImport, not LibraryImport: the signature needs no marshalling, and LibraryImport would need unsafe code.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
