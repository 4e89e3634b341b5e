using Spectre.Console;

namespace Catalog.Web.Cli;

/// <summary>
/// Long work on a terminal shows a live status line with elapsed time (Spectre.Console, on stderr so stdout stays the
/// result); redirected output, or <c>--json</c>, gets nothing but the result.
/// </summary>
public static class Progress
{
    public static async Task<T> RunAsync<T>(string what, bool quiet, Func<Task<T>> work)
    {
        if (quiet || Console.IsErrorRedirected)
        {
            return await work();
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(what) + "...", _ => work());
    }

    /// <summary>A run over known items: a progress bar on a terminal, one final line otherwise.</summary>
    public static async Task<T> RunAsync<T>(string what, bool quiet, Func<IProgress<(int Done, int Total)>, Task<T>> work)
    {
        if (quiet || Console.IsErrorRedirected)
        {
            return await work(new Progress<(int, int)>());
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask(Markup.Escape(what));
            return await work(new Progress<(int Done, int Total)>(p =>
            {
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            }));
        });
    }
}
