using System.Globalization;
using Catalog.Web.Import;

namespace Catalog.Web.Pages;

/// <summary>Every URL the pages write. Route values are percent-encoded: slugs may be Chinese, hosts have dots.</summary>
public static class Hrefs
{
    public static string Topic(string slug) => "/topics/" + Uri.EscapeDataString(slug);

    public static string Link(int id) => "/links/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Host(string host) => "/hosts/" + Uri.EscapeDataString(host);

    public static string Kind(string kind) => "/kinds/" + Uri.EscapeDataString(kind);

    public static string Search(string query) => "/search?q=" + Uri.EscapeDataString(query);

    /// <summary>The Wayback Machine's list of captures of a URL.</summary>
    public static string Archive(string url) => "https://web.archive.org/web/*/" + url;

    /// <summary>The URL itself when it is safe to link to (http, https, ftp, mailto); null means "show it as text".</summary>
    public static string? External(string url) => Urls.IsSafe(url) ? url : null;
}
