using System.Globalization;
using System.Net;
using Catalog.Tests.Infrastructure;
using Catalog.Web;
using Catalog.Web.Admin;
using Catalog.Web.Data;
using Microsoft.Extensions.Options;

namespace Catalog.Tests.Admin;

/// <summary>
/// The count of failed sign-ins lives in the catalog's database, so the lockout holds for the whole site: guesses
/// spread over the instances behind a load balancer add up.
/// </summary>
public sealed class SignInLockoutAcrossInstancesTests
{
    private const int LockoutAfter = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Limit(AdminFactory factory) =>
        factory.With["Catalog:AdminLockoutAfterFailures"] = LockoutAfter.ToString(CultureInfo.InvariantCulture);

    private static async Task<HttpStatusCode> SignInAsync(AdminFactory factory, string password)
    {
        using var response = await factory.CreateBrowser().SignInAsync(password);
        return response.StatusCode;
    }

    [Theory]
    [OnEachDatabase]
    public async Task FailuresOnOneInstanceCountOnAnotherAndCloseSignInOnBoth(DatabaseProvider provider)
    {
        await using var a = AdminFactory.On(provider);
        Limit(a);
        await using var b = a.SecondInstance();
        Limit(b);

        Assert.Equal(HttpStatusCode.OK, await SignInAsync(a, "guess 1"));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(b, "guess 2"));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(a, "guess 3"));

        // Each instance saw fewer than three failures; together they reached the limit.
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(b, AdminFactory.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(a, AdminFactory.Password));
    }

    [Theory]
    [OnEachDatabase]
    public async Task ARightPasswordOnOneInstanceForgivesTheFailuresCountedOnAnother(DatabaseProvider provider)
    {
        await using var a = AdminFactory.On(provider);
        Limit(a);
        await using var b = a.SecondInstance();
        Limit(b);

        Assert.Equal(HttpStatusCode.OK, await SignInAsync(a, "guess 1"));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(a, "guess 2"));
        Assert.Equal(HttpStatusCode.Redirect, await SignInAsync(b, AdminFactory.Password));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(a, "guess 3"));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(b, "guess 4"));

        Assert.Equal(HttpStatusCode.Redirect, await SignInAsync(a, AdminFactory.Password));
    }

    [Theory]
    [OnEachDatabase]
    public async Task ARunOfFailuresIsForgottenADayAfterItsLastOne(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        await using (var migrate = database.Context())
        {
            await migrate.MigrateCatalogAsync(Ct);
        }

        var clock = new ManualClock(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new CatalogOptions { AdminLockoutAfterFailures = LockoutAfter });
        await using var db = database.Context();
        var lockout = new AdminLockout(db, options, clock);
        await lockout.FailedAsync(Ct);
        await lockout.FailedAsync(Ct);

        // A third failure an hour later still counts: sign-in closes for a minute.
        clock.Now += TimeSpan.FromHours(1);
        await lockout.FailedAsync(Ct);
        Assert.Equal(TimeSpan.FromMinutes(1), await lockout.ClosedForAsync(Ct));

        // After a quiet day the run starts over: two more failures do not close sign-in.
        clock.Now += AdminLockout.ForgetAfter + TimeSpan.FromSeconds(1);
        await lockout.FailedAsync(Ct);
        await lockout.FailedAsync(Ct);
        Assert.Null(await lockout.ClosedForAsync(Ct));
        await lockout.FailedAsync(Ct);
        Assert.Equal(TimeSpan.FromMinutes(1), await lockout.ClosedForAsync(Ct));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
