using System.Net;
using System.Net.Sockets;

namespace Catalog.Web.Links;

/// <summary>
/// The SocketsHttpHandler connect callback: resolves the host itself, connects only to addresses the rule allows and
/// checks the socket's own remote address, so a DNS answer that changes between check and connect cannot slip past.
/// </summary>
internal static class GuardedConnect
{
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Callback(Func<IPAddress, bool> isAllowed) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(isAllowed).ToList();
            if (allowed.Count == 0)
            {
                throw new RefusedAddressException(host, addresses);
            }

            SocketException? last = null;
            foreach (var address in allowed)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                    var remote = (socket.RemoteEndPoint as IPEndPoint)?.Address;
                    if (remote is null || !isAllowed(remote))
                    {
                        socket.Dispose();
                        throw new RefusedAddressException(host, remote is null ? [] : [remote]);
                    }

                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    last = e;
                }
            }

            throw last!;
        };
}
