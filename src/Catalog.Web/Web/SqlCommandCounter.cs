using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Catalog.Web.Web;

/// <summary>
/// Counts the SQL commands each request issues (Development and Testing only), so an N+1 shows up in the log and in
/// the <see cref="Header"/> response header that tests assert on. Commands outside a request (the version watcher,
/// imports at start-up) are not counted. EF Core's commands reach <see cref="CountCommand"/> through this interceptor,
/// the app's own SQL (<see cref="Data.Sql"/>: search, the home page) directly; both find the request's count in its
/// async flow.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    public const string Header = "X-Sql-Commands";

    // Set only while a counted request runs, so production (which never counts) reads a null and moves on.
    private static readonly AsyncLocal<RequestCount?> s_current = new();

    /// <summary>Counts one command in the request that runs it, if it is being counted.</summary>
    public static void CountCommand()
    {
        if (s_current.Value is { } count)
        {
            Interlocked.Increment(ref count.Value);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        CountCommand();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        CountCommand();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        CountCommand();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        CountCommand();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        CountCommand();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        CountCommand();
        return ValueTask.FromResult(result);
    }

    /// <summary>Starts a request's count; the header is written when the response starts, the log line when it ends.</summary>
    public static async Task CountRequestAsync(HttpContext context, RequestDelegate next, ILogger logger)
    {
        // A re-executed error page is part of the same request: it keeps counting on the same counter.
        if (context.Features.Get<RequestCount>() is not null)
        {
            await next(context);
            return;
        }

        var count = new RequestCount();
        context.Features.Set(count);
        s_current.Value = count;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = count.Value.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        await next(context);
        if (context.GetEndpoint() is not null)
        {
            logger.LogInformation("{RequestPath} ran {SqlCommands} SQL commands", context.Request.Path.Value, count.Value);
        }
    }

    private sealed class RequestCount
    {
        public int Value;
    }
}
