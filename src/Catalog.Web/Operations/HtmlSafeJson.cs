using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Catalog.Web.Operations;

/// <summary>
/// The JSON API escapes &lt; &gt; &amp; and quotes (as \u003C ...). ASP.NET Core's minimal APIs write them as they are by
/// default, but the catalog's JSON carries text from seed files (titles, labels, snippets with &lt;mark&gt;): escaped,
/// an answer stays inert if an old browser sniffs it as HTML or a page inlines it in a script. All of Unicode stays
/// readable (Chinese titles are not turned into \u escapes).
/// </summary>
public static class HtmlSafeJson
{
    public static IServiceCollection AddHtmlSafeJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
}
