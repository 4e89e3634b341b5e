namespace Catalog.Web.Links.Metadata;

/// <summary>
/// GETs the page itself (conditionally when an ETag or date is stored) and reads its HTML metadata; a PDF is recorded
/// by its type and size, with the title it carries itself (<see cref="PdfMetadata"/>).
/// </summary>
public sealed class PageSource(LinkFetcher fetcher)
{
    public async Task<SourceAnswer> FetchAsync(string url, string? etag, string? lastModified, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return SourceAnswer.Failed;
        }

        var result = await fetcher.GetAsync(uri, Conditional.Headers(etag, lastModified), ct);
        if (result.HttpStatus == 304)
        {
            return SourceAnswer.NotModified;
        }

        if (result.HttpStatus is not (>= 200 and < 300) || result.Body is null)
        {
            return SourceAnswer.Failed;
        }

        var found = result.ContentType switch
        {
            "application/pdf" => new FetchedMetadata(MetadataSources.Pdf)
            {
                Title = PdfMetadata.Title(result.Body),
                ContentType = "application/pdf",
                ContentLength = DeclaredLength(result.ContentHeaders) ?? (result.Truncated ? null : result.Body.Length),
                Kind = Import.LinkKinds.Paper,
            },
            null or "text/html" or "application/xhtml+xml" => HtmlMetadata.Parse(result.Body, result.ContentHeaders?.ContentType?.CharSet, result.FinalUrl),
            _ => null,
        };
        return found is null
            ? SourceAnswer.Failed
            : new SourceAnswer(SourceOutcome.Fetched, found, Conditional.ETag(result), Conditional.LastModified(result));
    }

    // The header as sent: ContentLength's getter computes a length from the content when there is no header, and the
    // response's content is disposed by now (a chunked PDF threw, and took the whole run with it).
    private static long? DeclaredLength(System.Net.Http.Headers.HttpContentHeaders? headers) =>
        headers is not null && headers.NonValidated.TryGetValues("Content-Length", out var values)
            && long.TryParse(values.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
            ? length
            : null;
}
