using Microsoft.EntityFrameworkCore;

namespace Catalog.Web.Data;

/// <summary>
/// A job that one process on the catalog runs at a time (the seed watcher, a link check): whoever holds the named row
/// runs it, renewing <see cref="LeaseUntil"/> while it works; a row past it was left by a process that died, and the
/// next taker gets it (Data/Leases.cs).
/// </summary>
public sealed class LeaseRow
{
    public required string Name { get; set; }

    /// <summary>Who holds it ("server 1234 on host (ab12cd)"), null when it was given back.</summary>
    public string? Holder { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>
/// Failed sign-ins in a row for an account, shared by every instance on the catalog so that the lockout holds for
/// the whole site (Admin/AdminLockout.cs).
/// </summary>
public sealed class SignInFailureRow
{
    public required string Account { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset LastFailedAt { get; set; }

    /// <summary>Sign-in stays closed until then, whatever the password.</summary>
    public DateTimeOffset? ClosedUntil { get; set; }
}

internal static class InstanceModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LeaseRow>(row =>
        {
            row.ToTable("Leases");
            row.HasKey(r => r.Name);
            row.Property(r => r.Name).HasMaxLength(64);
        });
        modelBuilder.Entity<SignInFailureRow>(row =>
        {
            row.ToTable("SignInFailures");
            row.HasKey(r => r.Account);
            row.Property(r => r.Account).HasMaxLength(64);
        });
    }
}
