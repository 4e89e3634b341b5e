using System.Net;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;

namespace Catalog.Tests.Admin;

/// <summary>
/// Previews are kept in the database, so behind a load balancer with any policy the Apply of a preview made on one
/// instance works on another.
/// </summary>
public sealed class PreviewAcrossInstancesTests
{
    [Theory]
    [OnEachDatabase]
    public async Task APreviewMadeOnOneInstanceIsAppliedOnAnother(DatabaseProvider provider)
    {
        await using var first = AdminFactory.On(provider);
        var onFirst = await first.SignedInBrowserAsync();
        var preview = await (await ImportPageTests.PreviewUploadAsync(onFirst, Seeds.Name, Seeds.Changed)).ReadPageAsync();
        await using var second = first.SecondInstance();
        var onSecond = await second.SignedInBrowserAsync();
        var secondsForm = (await onSecond.GetPageAsync("/admin/import")).Form("form#upload-form");
        var antiforgery = secondsForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var applied = await onSecond.SubmitAsync(preview.Form("form#apply"), "/admin/import", new() { ["__RequestVerificationToken"] = antiforgery });

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.NotNull((await onSecond.GetPageAsync(applied.Headers.Location!.OriginalString)).QuerySelector("#applied"));
        Assert.Equal(1, first.Scalar("""SELECT COUNT(*) FROM "Topics" WHERE "Slug" = 'kernel-methods-and-deep-learning'"""));
        Assert.Equal(0, first.Scalar("""SELECT COUNT(*) FROM "PendingImports" """));

        // Applied once: the same form again, on the first instance, finds the preview gone.
        var again = await onFirst.SubmitAsync(preview.Form("form#apply"), "/admin/import");
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.StartsWith("The previewed file is no longer kept", (await again.ReadPageAsync()).QuerySelector("#import-error")?.TextContent, StringComparison.Ordinal);
    }
}
