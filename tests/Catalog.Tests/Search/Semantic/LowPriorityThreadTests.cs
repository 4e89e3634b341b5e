using Catalog.Web.Search.Semantic;

namespace Catalog.Tests.Search.Semantic;

public sealed class LowPriorityThreadTests
{
    [Fact]
    public async Task WorkRunsOnOneThreadAtTheLowestNiceValue()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the nice value is Linux's; elsewhere the thread asks for ThreadPriority.Lowest");
        using var thread = new LowPriorityThread("test");
        var ct = TestContext.Current.CancellationToken;

        var first = await thread.RunAsync(ReadOwnThread, ct);
        var second = await thread.RunAsync(ReadOwnThread, ct);

        // /proc/thread-self/stat is the calling thread's own: field 19 is its nice value.
        Assert.Equal(19, first.Nice);
        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(Environment.CurrentManagedThreadId, first.Id);
        Assert.True(ReadOwnThread().Nice < 19, "the caller's own thread keeps its priority");
    }

    [Fact]
    public async Task AFailureAndACancellationComeBackInTheTask()
    {
        using var thread = new LowPriorityThread("test");
        var ct = TestContext.Current.CancellationToken;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => thread.RunAsync<int>(() => throw new InvalidOperationException("model"), ct));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => thread.RunAsync(() => 1, cancelled.Token));

        Assert.Equal("model", failure.Message);
        Assert.Equal(2, await thread.RunAsync(() => 2, ct));
    }

    private static (int Id, int Nice) ReadOwnThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields after the command name start at field 3 (state); the nice value is field 19.
        return (Environment.CurrentManagedThreadId, int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture));
    }
}
