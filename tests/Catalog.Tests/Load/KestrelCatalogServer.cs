using System.Net;
using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Load;

/// <summary>The real app on Kestrel at 127.0.0.1 (a free port), real sockets, over its own temporary database.</summary>
public sealed class KestrelCatalogServer : CatalogFactory
{
    public KestrelCatalogServer()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
    }

    public Uri BaseAddress { get; }
}
