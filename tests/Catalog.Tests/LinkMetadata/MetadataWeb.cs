using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalog.Tests.LinkMetadata;

/// <summary>
/// Plays every metadata source on 127.0.0.1: the arXiv export API (Atom, entries for the ids asked), Crossref's works
/// API (with x-rate-limit headers), GitHub's repos API (with a rate-limit budget and ETags), YouTube's oEmbed, and any
/// page by host and path. <see cref="Handler"/> sends every request, whatever its host, here, so nothing leaves loopback.
/// </summary>
public sealed class MetadataWeb : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly ConcurrentDictionary<string, (string ContentType, byte[] Body)> _pages = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _arxivQueries = new();
    private readonly ConcurrentQueue<string> _crossrefQueries = new();
    private readonly ConcurrentDictionary<string, int> _arxivMisses = new();

    private MetadataWeb(WebApplication app) => _app = app;

    public Uri Base { get; private set; } = null!;

    /// <summary>GitHub calls left before X-RateLimit-Remaining reaches zero.</summary>
    public int GitHubBudget { get; set; } = 60;

    /// <summary>arXiv ids the API leaves out of its first answer (as it sometimes does), to be asked again.</summary>
    public HashSet<string> ArxivFlaky { get; } = [];

    /// <summary>Ids answered with a fixture entry; others are made up from the id (a realistic entry, not a real paper).</summary>
    public IReadOnlyCollection<string> ArxivQueries => _arxivQueries;

    public IReadOnlyCollection<string> CrossrefQueries => _crossrefQueries;

    public int Requests => _hits.Values.Sum();

    public int RequestsTo(string hostAndPath) => _hits.GetValueOrDefault(hostAndPath);

    public string ArxivApi => new Uri(Base, "/arxiv/api/query").ToString();

    public string CrossrefApi => new Uri(Base, "/crossref").ToString();

    public string GitHubApi => new Uri(Base, "/github").ToString();

    public string YouTubeOEmbed => new Uri(Base, "/youtube/oembed").ToString();

    /// <summary>Serves a page for a URL (by host and path, any scheme).</summary>
    public void Page(string url, string fixture, string contentType = "text/html; charset=utf-8") =>
        Page(url, MetadataFixtures.Bytes(fixture), contentType);

    public void Page(string url, byte[] body, string contentType)
    {
        var uri = new Uri(url);
        _pages[uri.Host + uri.PathAndQuery] = (contentType, body);
    }

    public HttpMessageHandler Handler() => new ToLoopback(Base);

    /// <summary>When set, a page with no fixture of its own is answered with a page that has only a title, as most pages do.</summary>
    public bool AnswerEveryPage { get; set; }

    /// <summary>Serves a page carrying one family of tags (seed-pages.tsv): what the page at that URL says it is.</summary>
    public void TaggedPage(string url, string family, string title)
    {
        var text = WebUtility.HtmlEncode(title);
        var json = System.Text.Json.JsonSerializer.Serialize(title);
        var head = family switch
        {
            "paper" => $"""<meta name="citation_title" content="{text}"><meta name="citation_author" content="Fixture, Author"><meta name="citation_publication_date" content="2020/01/01">""",
            "course" => $$"""<script type="application/ld+json">{"@context":"https://schema.org","@type":"Course","name":{{json}}}</script>""",
            "event" => $$"""<script type="application/ld+json">{"@context":"https://schema.org","@type":"Event","name":{{json}},"startDate":"2021-01-01"}</script>""",
            "person" => $$$"""<script type="application/ld+json">{"@context":"https://schema.org","@type":"ProfilePage","mainEntity":{"@type":"Person","name":{{{json}}}}}</script>""",
            "code" => $$"""<script type="application/ld+json">{"@context":"https://schema.org","@type":"SoftwareSourceCode","name":{{json}}}</script>""",
            "blog" => $"""<meta property="og:type" content="article"><meta property="og:title" content="{text}">""",
            "video" => $"""<meta property="og:type" content="video.other"><meta property="og:title" content="{text}">""",
            "book" => $"""<meta property="og:type" content="book"><meta property="og:title" content="{text}">""",
            _ => "",
        };
        Page(url, Encoding.UTF8.GetBytes($"<!doctype html><html><head><meta charset=\"utf-8\"><title>{text}</title>{head}</head><body></body></html>"), "text/html; charset=utf-8");
    }

    public static async Task<MetadataWeb> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var web = new MetadataWeb(app);
        app.Run(web.AnswerAsync);
        await app.StartAsync();
        web.Base = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return web;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var host = request.Host.Host;
        _hits.AddOrUpdate(host + path, 1, (_, n) => n + 1);
        var loopback = host == Base.Host;
        if (loopback && path == "/arxiv/api/query")
        {
            await ArxivAsync(context);
        }
        else if (loopback && path.StartsWith("/crossref/works/", StringComparison.Ordinal))
        {
            await CrossrefAsync(context, Uri.UnescapeDataString(path["/crossref/works/".Length..]));
        }
        else if (loopback && path.StartsWith("/github/repos/", StringComparison.Ordinal))
        {
            await GitHubAsync(context, path["/github/repos/".Length..]);
        }
        else if (loopback && path == "/youtube/oembed")
        {
            await Send(context, "application/json", MetadataFixtures.Bytes("youtube-oembed.json"));
        }
        else if (_pages.TryGetValue(host + path + request.QueryString, out var page))
        {
            await Send(context, page.ContentType, page.Body);
        }
        else if (AnswerEveryPage)
        {
            var title = System.Net.WebUtility.HtmlEncode(host + path);
            await Send(context, "text/html; charset=utf-8", Encoding.UTF8.GetBytes($"<!doctype html><html><head><title>{title}</title></head><body></body></html>"));
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    private async Task ArxivAsync(HttpContext context)
    {
        var ids = context.Request.Query["id_list"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        _arxivQueries.Enqueue(context.Request.QueryString.Value!);
        var recorded = XDocument.Load(MetadataFixtures.PathOf("arxiv-feed.xml"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        XNamespace arxiv = "http://arxiv.org/schemas/atom";
        var entries = recorded.Root!.Elements(atom + "entry").ToList();
        var feed = new XElement(atom + "feed", new XElement(atom + "title", "ArXiv Query"));
        foreach (var id in ids)
        {
            if (ArxivFlaky.Contains(id) && _arxivMisses.AddOrUpdate(id, 1, (_, n) => n + 1) == 1)
            {
                continue;
            }

            var entry = entries.FirstOrDefault(e => ((string)e.Element(atom + "id")!).Contains("/abs/" + id + "v", StringComparison.Ordinal));
            feed.Add(entry ?? new XElement(atom + "entry",
                new XElement(atom + "id", $"http://arxiv.org/abs/{id}v1"),
                new XElement(atom + "published", "2019-05-01T00:00:00Z"),
                new XElement(atom + "title", $"Preprint {id} on learning theory"),
                new XElement(atom + "summary", "An abstract about generalization in deep networks."),
                new XElement(atom + "author", new XElement(atom + "name", "Grace Fixture")),
                new XElement(arxiv + "primary_category", new XAttribute("term", "cs.LG"))));
        }

        await Send(context, "application/atom+xml; charset=utf-8", Encoding.UTF8.GetBytes(feed.ToString()));
    }

    private async Task CrossrefAsync(HttpContext context, string doi)
    {
        _crossrefQueries.Enqueue(doi + context.Request.QueryString);
        context.Response.Headers["x-rate-limit-limit"] = "50";
        context.Response.Headers["x-rate-limit-interval"] = "1s";
        if (doi.Equals("10.1073/pnas.1903070116", StringComparison.OrdinalIgnoreCase))
        {
            await Send(context, "application/json", MetadataFixtures.Bytes("crossref-work.json"));
            return;
        }

        var made = $$$"""{"status":"ok","message":{"DOI":"{{{doi}}}","type":"journal-article","title":["Work {{{doi}}}"],"author":[{"given":"Ida","family":"Crossref"}],"issued":{"date-parts":[[2020]]},"container-title":["Journal of Fixtures"]}}""";
        await Send(context, "application/json", Encoding.UTF8.GetBytes(made));
    }

    private async Task GitHubAsync(HttpContext context, string repo)
    {
        const string etag = "\"repo-v1\"";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            context.Response.StatusCode = 304;
            return;
        }

        GitHubBudget--;
        context.Response.Headers["X-RateLimit-Remaining"] = Math.Max(GitHubBudget, 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Reset"] = "1893456000";
        if (GitHubBudget < 0)
        {
            context.Response.StatusCode = 403;
            return;
        }

        context.Response.Headers.ETag = etag;
        var body = repo.Equals("google/neural-tangents", StringComparison.OrdinalIgnoreCase)
            ? MetadataFixtures.Bytes("github-repo.json")
            : Encoding.UTF8.GetBytes($$$"""{"full_name":"{{{repo}}}","owner":{"login":"{{{repo.Split('/')[0]}}}"},"description":"Code for {{{repo}}}","stargazers_count":12,"language":"Python","archived":false}""");
        await Send(context, "application/json; charset=utf-8", body);
    }

    private static Task Send(HttpContext context, string contentType, byte[] body)
    {
        context.Response.ContentType = contentType;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Sends every request to the fixture, keeping its host in the Host header: https becomes http on loopback.</summary>
    private sealed class ToLoopback(Uri fixture) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var original = request.RequestUri!;
            if (request.Headers.Host is null)
            {
                request.Headers.Host = original.Host;
            }

            request.RequestUri = new UriBuilder(original) { Scheme = "http", Host = fixture.Host, Port = fixture.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
