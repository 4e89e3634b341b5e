using Catalog.Web.Search.Semantic;

namespace Catalog.Tests.Search.Semantic;

public sealed class NativeHeapTests
{
    [Fact]
    public void TheCHeapIsTrimmedOnLinux()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "malloc_trim is glibc's; elsewhere Trim does nothing by design");

        // The binding resolves "libc" to glibc and finds malloc_trim: a wrong library or entry point returns false.
        Assert.True(NativeHeap.Trim());
    }
}
