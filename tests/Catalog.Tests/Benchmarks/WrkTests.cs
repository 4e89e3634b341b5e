using System.Collections.Concurrent;
using System.Net;
using Catalog.Benchmarks.Runner;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalog.Tests.Benchmarks;

/// <summary>
/// The providers benchmark's uncached search rows claim every query is asked once: wrk's threads must interleave over
/// the list, not each walk it from its own start (the rotated mode, where the threads soon ask what the other asked).
/// </summary>
public sealed class WrkTests
{
    [Fact]
    public async Task EachPathOnceNeverAsksAPathTwiceAcrossThreadsAndConnections()
    {
        Assert.SkipUnless(Wrk.IsInstalled(), "wrk is not installed (apt-get install -y wrk)");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        var asked = new ConcurrentQueue<string>();
        app.Run(context =>
        {
            asked.Enqueue(context.Request.Path + context.Request.QueryString);
            return Task.CompletedTask;
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var folder = Directory.CreateTempSubdirectory("catalog-wrk-");

        // Far more paths than a one-second run on two cores gets through, so the list never wraps.
        var paths = Enumerable.Range(0, 200_000).Select(i => $"/api/search?q=query{i}").ToList();
        try
        {
            var result = await Wrk.RunAsync(address, paths, new LoadShape(Threads: 2, Connections: 4, Seconds: 1), folder.FullName, eachPathOnce: true);

            Assert.True(result.Requests > 100, $"wrk completed only {result.Requests} requests");
            Assert.True(asked.Count < paths.Count, "the run asked more than the list holds: the test proves nothing");
            Assert.Equal(asked.Count, asked.Distinct(StringComparer.Ordinal).Count());
            Assert.All(asked, path => Assert.Contains("/api/search?q=query", path, StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
