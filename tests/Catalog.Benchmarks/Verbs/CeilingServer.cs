using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Catalog.Benchmarks.Verbs;

/// <summary>
/// <c>ceiling</c>: Kestrel answering captured response bytes from memory, with the app's content type. Nothing can
/// serve those bytes faster on this machine, so app throughput / ceiling throughput says what the app's own work costs.
/// </summary>
public static class CeilingServer
{
    private sealed record Response(string ContentType, byte[] Body);

    public static async Task<int> RunAsync(Options options)
    {
        var responses = Load(options);
        if (responses is null)
        {
            Console.Error.WriteLine("ceiling: name a body file, or --manifest <file.tsv>.");
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Number("--port", 5999)}");
        var app = builder.Build();
        app.Run(context =>
        {
            var key = Uri.UnescapeDataString(context.Request.Path.Value + context.Request.QueryString.Value);
            if (!responses.TryGetValue(key, out var response) && !responses.TryGetValue("*", out response))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength = response.Body.Length;
            return context.Response.Body.WriteAsync(response.Body).AsTask();
        });
        await app.RunAsync();
        return 0;
    }

    private static Dictionary<string, Response>? Load(Options options)
    {
        if (options.Value("--manifest") is { } manifest)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
            return File.ReadLines(manifest).Where(l => l.Length > 0).Select(l => l.Split('\t'))
                .ToDictionary(f => Uri.UnescapeDataString(f[0]), f => new Response(f[1], File.ReadAllBytes(Path.Combine(folder, f[2]))), StringComparer.Ordinal);
        }

        return options.Positional.Count == 1
            ? new Dictionary<string, Response> { ["*"] = new(options.Value("--content-type") ?? "text/html; charset=utf-8", File.ReadAllBytes(options.Positional[0])) }
            : null;
    }
}
