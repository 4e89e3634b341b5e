using System.Net;
using System.Net.Sockets;

namespace Catalog.Web.Links;

/// <summary>
/// Which addresses the catalog may connect to: a seed or an upload can name any URL, so anything that reaches the
/// machine itself, its network or the cloud's metadata service is refused.
/// </summary>
public static class AddressRule
{
    /// <summary>The rule as configured: everything when private addresses are allowed, else public addresses only.</summary>
    public static Func<IPAddress, bool> For(LinkOptions options) =>
        options.AllowPrivateAddresses ? _ => true : IsPublic;

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return !(b[0] == 0                                   // "this network", incl. the unspecified address
            || b[0] == 10                                     // private
            || b[0] == 127                                    // loopback
            || (b[0] == 100 && (b[1] & 0xC0) == 64)           // carrier-grade NAT, reaches the provider's own net
            || (b[0] == 169 && b[1] == 254)                   // link-local, where cloud metadata answers
            || (b[0] == 172 && (b[1] & 0xF0) == 16)           // private
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)        // IETF protocol assignments
            || (b[0] == 192 && b[1] == 168)                   // private
            || (b[0] == 198 && (b[1] & 0xFE) == 18)           // benchmarking
            || b[0] >= 224);                                  // multicast, reserved, broadcast
    }

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC)
        {
            return false; // unique local, fc00::/7
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            // 6to4 carries an IPv4 address in its next four bytes: judge that address.
            return IsPublicV4(new IPAddress(b.AsSpan(2, 4)));
        }

        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
        {
            // NAT64 well-known prefix: the last four bytes are the IPv4 destination.
            return IsPublicV4(new IPAddress(b.AsSpan(12, 4)));
        }

        // IPv4-compatible (::a.b.c.d) and the rest of ::/8 are deprecated or special.
        return b[0] != 0;
    }
}
