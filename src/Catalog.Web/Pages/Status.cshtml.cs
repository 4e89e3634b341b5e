using Catalog.Web.Data;
using Catalog.Web.Pages.Shared;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Catalog.Web.Pages;

/// <summary>
/// The HTML page for an error status with no body (re-executed by UseStatusCodePagesWithReExecute): for a 404, the
/// topics whose titles come closest to the URL that was asked for.
/// </summary>
[IgnoreAntiforgeryToken(Order = 1001)]
public sealed class StatusModel(CatalogDbContext db, NotFoundTopics notFound) : PageModel
{
    public const int SuggestionCount = 5;

    public int Code { get; private set; }

    public string? RequestedPath { get; private set; }

    public List<TopicRef> Suggestions { get; private set; } = [];

    /// <summary>When nothing comes close: the top of the tree, so the reader still has somewhere to go.</summary>
    public List<TopicRef> Roots { get; private set; } = [];

    // A failed POST (a form's 400, say) is re-executed as a POST: it gets the same page.
    public Task OnPostAsync(int code, CancellationToken ct) => OnGetAsync(code, ct);

    public async Task OnGetAsync(int code, CancellationToken ct)
    {
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
        RequestedPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        if (Code != StatusCodes.Status404NotFound)
        {
            return;
        }

        var topics = await notFound.CurrentAsync(db, SuggestionCount, ct);
        Suggestions = topics.Suggestions.Closest(RequestedPath ?? "", SuggestionCount);
        if (Suggestions.Count == 0)
        {
            Roots = topics.Roots;
        }
    }
}
