using System.Text.Json;
using Catalog.Tests.Load;

namespace Catalog.Tests.Api;

/// <summary>
/// The API's answers go out whole over real sockets: a <c>Content-Length</c> and one body, not chunks, whether
/// the output cache keeps them or not (a cookie keeps a request out of it).
/// </summary>
public sealed class WholeJsonTests
{
    [Fact]
    public async Task AnswersComeWithTheirLengthInsteadOfChunks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = new KestrelCatalogServer();
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.BaseAddress };

        foreach (var path in new[] { "/api/search?q=random%20matrix", "/api/search?q=zzzzqqq", "/api/search/suggest?q=kern", "/api/topics", "/api/topics/science-of-deep-learning" })
        {
            foreach (var cookie in new[] { null, "reader=1" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (cookie is not null)
                {
                    request.Headers.Add("Cookie", cookie);
                }

                using var response = await http.SendAsync(request, ct);
                var body = await response.Content.ReadAsByteArrayAsync(ct);

                response.EnsureSuccessStatusCode();
                Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
                Assert.Equal(body.Length, response.Content.Headers.ContentLength);
                Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
                Assert.Equal(path == "/api/topics" ? JsonValueKind.Array : JsonValueKind.Object, JsonDocument.Parse(body).RootElement.ValueKind);
            }
        }
    }
}
