using Microsoft.Extensions.Options;

namespace Catalog.Web.Admin;

/// <summary>
/// Backs off the one admin account, whatever the addresses the guesses come from: after
/// <c>Catalog:AdminLockoutAfterFailures</c> failed sign-ins in a row, sign-in is closed for a window that starts at a
/// minute and doubles with each further failure, up to an hour. A right password resets it. Kept in memory: a restart
/// forgives, which is no worse than the attacker waiting.
/// </summary>
public sealed class AdminLockout(IOptions<CatalogOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan s_first = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_longest = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private int _failures;
    private DateTimeOffset _closedUntil = DateTimeOffset.MinValue;

    /// <summary>How long sign-in stays closed, or null when a password may be checked now.</summary>
    public TimeSpan? ClosedFor()
    {
        lock (_lock)
        {
            var left = _closedUntil - clock.GetUtcNow();
            return left > TimeSpan.Zero ? left : null;
        }
    }

    public void Failed()
    {
        lock (_lock)
        {
            _failures++;
            var beyond = _failures - options.Value.AdminLockoutAfterFailures;
            if (beyond >= 0)
            {
                var window = s_first * Math.Pow(2, Math.Min(beyond, 10));
                _closedUntil = clock.GetUtcNow() + (window < s_longest ? window : s_longest);
            }
        }
    }

    public void Succeeded()
    {
        lock (_lock)
        {
            _failures = 0;
            _closedUntil = DateTimeOffset.MinValue;
        }
    }
}
