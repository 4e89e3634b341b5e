using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Admin;

/// <summary>
/// The one admin password: <c>Catalog:AdminPasswordHash</c> (a PasswordHasher hash, made by the hash-password verb)
/// or, for development, the plain <c>Catalog:AdminPassword</c>. With neither, admin sign-in is off.
/// </summary>
public sealed class AdminPassword(IOptions<CatalogOptions> options)
{
    public const string StampClaim = "catalog:password-stamp";

    private static readonly PasswordHasher<object> s_hasher = new();
    private static readonly object s_user = new();

    private string? Hash => options.Value.AdminPasswordHash is { Length: > 0 } hash ? hash : null;

    private string? Plain => options.Value.AdminPassword is { Length: > 0 } plain ? plain : null;

    public bool IsEnabled => Hash is not null || Plain is not null;

    /// <summary>
    /// A fingerprint of the configured secret, kept in the sign-in cookie: once the password changes (or is removed),
    /// cookies issued under the old one are refused.
    /// </summary>
    public string Stamp => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Hash ?? "plain:" + Plain)))[..16];

    public bool Verify(string? password)
    {
        if (string.IsNullOrEmpty(password) || !IsEnabled)
        {
            return false;
        }

        if (Hash is { } hash)
        {
            return s_hasher.VerifyHashedPassword(s_user, hash, password) != PasswordVerificationResult.Failed;
        }

        // Compare digests so the comparison takes the same time whatever the lengths.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(password)), SHA256.HashData(Encoding.UTF8.GetBytes(Plain!)));
    }

    public ClaimsPrincipal Principal(string session) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "admin"), new Claim(StampClaim, Stamp), new Claim(AdminSessions.SessionClaim, session)],
        CookieAuthenticationDefaults.AuthenticationScheme));

    public bool Accepts(ClaimsPrincipal? principal) => IsEnabled && principal?.FindFirstValue(StampClaim) == Stamp;
}
