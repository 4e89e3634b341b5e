using System.Security.Cryptography;
using System.Text;

namespace Catalog.Web.Search.Semantic;

/// <summary>
/// What of a search document is embedded: its title (labels, or the topic's title) first, then its quotes, its context
/// (the sentences around the link, or the topic's intro) and, last, the topics that list it and its URL's words. The
/// model reads a few hundred word pieces at most; what matters most comes first. A link the curator labelled only with
/// its URL is titled by its fetched metadata (title, authors, venue, abstract) when there is some: the search index
/// has that text too, at the end of the body, where the cut below would lose it.
/// </summary>
public static class EmbeddingText
{
    /// <summary>Characters kept: the model's window is about this much English text, and longer text only costs time.</summary>
    public const int MaxLength = 800;

    public static string Of(string title, string quote, string body, string urlWords, string fetched = "")
    {
        if (fetched.Length > 0 && IsBareUrl(title))
        {
            title = fetched;
        }

        var text = string.Join(". ", new[] { title, quote, body, urlWords }.Where(s => s.Length > 0));
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }

    private static bool IsBareUrl(string title) =>
        Uri.TryCreate(title.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !title.Trim().Contains(' ');

    /// <summary>The model a vector comes from, part of its key: vectors of an earlier model are embedded again.</summary>
    public const string Model = "all-MiniLM-L6-v2 int8";

    /// <summary>The key of a text's vector: a different text, however small the change, or another model, is embedded again.</summary>
    public static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(Model + "\n" + text))[..16];
}
