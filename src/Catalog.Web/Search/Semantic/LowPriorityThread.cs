using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// One thread at the lowest priority a process may give itself (the highest nice value on Linux, <see cref="ThreadPriority.Lowest"/>
/// elsewhere), for the embedding pass's model runs. On a small machine the pass would otherwise hold a core for minutes
/// against the pages; at this priority the scheduler hands the cores to requests whenever they want them, and the pass
/// gets what is left. The model runs on the calling thread (one ONNX Runtime thread, <see cref="TextEmbedder"/>), so
/// the priority covers all of its work; query embeddings run on the request's own thread, at normal priority.
/// </summary>
public sealed class LowPriorityThread : IDisposable
{
    // The top of Linux's nice range; an unprivileged process may raise its own nice value, never lower it.
    private const int LowestNice = 19;

    private const int PrioProcess = 0;

    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    public LowPriorityThread(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the thread; its result, exception or cancellation comes back in the task.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                ct.ThrowIfCancellationRequested();
                result.SetResult(work());
            }
            catch (OperationCanceledException e)
            {
                result.SetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        }, CancellationToken.None); // the collection is unbounded: adding never waits, and the task reports a cancellation
        return result.Task;
    }

    /// <summary>Runs <paramref name="work"/> on the thread; its exception or cancellation comes back in the task.</summary>
    public Task RunAsync(Action work, CancellationToken ct) => RunAsync(() =>
    {
        work();
        return true;
    }, ct);

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }

    private void Loop()
    {
        Lower();
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }

    private static void Lower()
    {
        if (OperatingSystem.IsLinux())
        {
            // On Linux the nice value belongs to the thread, and "who = 0" is the calling thread. A refusal leaves the
            // thread at normal priority, which is how the pass ran before.
            _ = SetPriority(PrioProcess, 0, LowestNice);
        }
        else
        {
            Thread.CurrentThread.Priority = ThreadPriority.Lowest;
        }
    }

    // DllImport, not LibraryImport, as in NativeHeap: the signature needs no marshalling.
    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, uint who, int priority);
}
