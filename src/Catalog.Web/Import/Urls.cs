namespace Catalog.Web.Import;

/// <summary>URL rules shared by the importer and the pages: which URLs are resources, which are safe, and identity.</summary>
public static class Urls
{
    private static readonly string[] s_safeSchemes = ["http", "https", "ftp", "mailto"];
    private static readonly char[] s_controlsAndSpace = [.. Enumerable.Range(0, 0x21).Select(c => (char)c)];

    /// <summary>The scheme of an absolute URL (lower-case), or null for anchors, relative paths and empty strings.</summary>
    public static string? SchemeOf(string url)
    {
        url = AsBrowserReadsIt(url);
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(url[0]))
        {
            return null;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = url[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '.' and not '-')
            {
                return null;
            }
        }

        return url[..colon].ToLowerInvariant();
    }

    /// <summary>An absolute URL with a scheme: what a catalog lists (not an in-page anchor or relative path).</summary>
    public static bool IsResource(string url) => SchemeOf(url) is not null;

    /// <summary>Only these schemes ever become links; anything else (javascript:, data:, file:, ...) stays text.</summary>
    public static bool IsSafe(string url) => SchemeOf(url) is { } scheme && s_safeSchemes.Contains(scheme);

    /// <summary>An image is only embedded from the web: http or https.</summary>
    public static bool IsSafeImageSource(string url) => SchemeOf(url) is "http" or "https";

    /// <summary>Identity of a URL: scheme and host lower-cased, default port dropped; the rest as written.</summary>
    public static string Normalize(string url)
    {
        url = AsBrowserReadsIt(url);
        var scheme = SchemeOf(url);
        if (scheme is null)
        {
            return url;
        }

        var rest = url[(scheme.Length + 1)..];
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return scheme + ":" + rest;
        }

        var authorityEnd = rest.IndexOfAny(['/', '?', '#'], 2);
        var authority = authorityEnd < 0 ? rest[2..] : rest[2..authorityEnd];
        var tail = authorityEnd < 0 ? "" : rest[authorityEnd..];
        var at = authority.LastIndexOf('@');
        var userInfo = at >= 0 ? authority[..(at + 1)] : "";
        var hostPort = authority[(at + 1)..].ToLowerInvariant();
        hostPort = DropDefaultPort(scheme, hostPort);
        return scheme + "://" + userInfo + hostPort + tail;
    }

    /// <summary>The host of a URL without "www.", lower-case; the scheme for URLs without one (mailto).</summary>
    public static string HostOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return SchemeOf(url) ?? "";
        }

        var host = uri.Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    // Browsers (the WHATWG URL parser) trim leading and trailing control characters and spaces and delete tabs and
    // line breaks anywhere, so "java\tscript:alert(1)" runs as javascript: and must be judged as such.
    private static string AsBrowserReadsIt(string url)
    {
        url = url.Trim(s_controlsAndSpace);
        return url.AsSpan().IndexOfAny('\t', '\n', '\r') < 0
            ? url
            : url.Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);
    }

    private static string DropDefaultPort(string scheme, string hostPort)
    {
        var defaultPort = scheme switch
        {
            "http" => ":80",
            "https" => ":443",
            "ftp" => ":21",
            _ => null,
        };
        return defaultPort is not null && hostPort.EndsWith(defaultPort, StringComparison.Ordinal)
            ? hostPort[..^defaultPort.Length]
            : hostPort;
    }
}
