namespace Catalog.Web.Links.Metadata;

/// <summary>Spaces calls to one API: each caller waits until the gap since the previous call has passed.</summary>
public sealed class Pacer(TimeProvider clock, TimeSpan gap) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1);
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public TimeSpan Gap { get; set; } = gap;

    public void Dispose() => _turn.Dispose();

    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            var wait = _next - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, ct);
            }

            try
            {
                return await call();
            }
            finally
            {
                _next = clock.GetUtcNow() + Gap;
            }
        }
        finally
        {
            _turn.Release();
        }
    }
}
