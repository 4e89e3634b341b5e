using System.Net;

namespace Catalog.Web.Links;

/// <summary>Thrown from the connect callback when every address a host resolves to is refused by <see cref="AddressRule"/>.</summary>
public sealed class RefusedAddressException(string host, IReadOnlyList<IPAddress> addresses)
    : IOException($"{host} resolves only to refused addresses ({string.Join(", ", addresses)})")
{
    public string Host { get; } = host;
}
