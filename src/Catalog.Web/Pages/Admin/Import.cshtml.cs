using Catalog.Web.Admin;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Catalog.Web.Pages.Admin;

/// <summary>
/// Choose a file (upload, seeds folder, or an earlier version from the history), see the dry run's diff, apply it.
/// The previewed bytes wait in <see cref="PendingImports"/>; Apply imports those, and only if the catalog has not
/// changed since the preview.
/// </summary>
[ServiceFilter(typeof(UploadSizeLimit), Order = UploadSizeLimit.Order)]
public sealed class ImportModel(CatalogImporter importer, PendingImports pending, CatalogDbContext db, IOptions<CatalogOptions> options) : PageModel
{
    public IReadOnlyList<string> Seeds { get; private set; } = [];

    public ImportReport? Preview { get; private set; }

    public string? Token { get; private set; }

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public void OnGet() => Seeds = SeedNames();

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, string? seed, CancellationToken ct)
    {
        Seeds = SeedNames();
        if (upload is not null)
        {
            return upload.Length > MaxUploadBytes
                ? Refuse(StatusCodes.Status413PayloadTooLarge, $"{upload.FileName}: {upload.Length:N0} bytes is over the upload limit of {MaxUploadBytes:N0} bytes (Catalog:MaxUploadBytes). Nothing was imported.")
                : await PreviewAsync(() => ReadUploadAsync(upload, ct), ct);
        }

        return seed is not null && Seeds.Contains(seed)
            ? await PreviewAsync(() => SeedFile.ReadAsync(Path.Combine(options.Value.SeedsPath, seed), options.Value.MaxSeedBytes, ct), ct)
            : Refuse(StatusCodes.Status422UnprocessableEntity, "Choose a markdown file to upload, or a file of the seeds folder.");
    }

    public async Task<IActionResult> OnPostRestoreAsync(int run, CancellationToken ct)
    {
        Seeds = SeedNames();
        var kept = await db.ImportRuns.Where(r => r.Id == run)
            .Join(db.SeedBlobs, r => r.Sha256, b => b.Sha256, (r, b) => new { r.SourceName, r.StartedAt, b.Content })
            .FirstOrDefaultAsync(ct);
        if (kept is null)
        {
            return Refuse(StatusCodes.Status404NotFound, $"There is no import run {run} with a kept file to restore.");
        }

        Notice = $"Restoring {kept.SourceName} as imported {DiffView.When(kept.StartedAt)}: check the changes, then apply them.";
        return await PreviewAsync(() => Task.FromResult(new SeedFile(kept.SourceName, kept.Content)), ct);
    }

    public async Task<IActionResult> OnPostApplyAsync(string? token, long version, bool confirm, CancellationToken ct)
    {
        Seeds = SeedNames();
        var file = await pending.LoadAsync(token, ct);
        if (file is null)
        {
            return Refuse(StatusCodes.Status410Gone, $"The previewed file is no longer kept (previews last {PendingImports.Keep.TotalHours:N0} hours, until applied). Choose it again.");
        }

        Token = token;
        try
        {
            var request = new ImportRequest(file, User: User.Identity?.Name, ConfirmLargeRemoval: confirm, ExpectedCatalogVersion: version);
            var report = await importer.ImportAsync(request, ct);
            await pending.RemoveAsync(token!, ct);
            return RedirectToPage("/Admin/Run", new { id = report.RunId, applied = true });
        }
        catch (ImportNeedsConfirmationException e)
        {
            Preview = e.Report;
            return Refuse(StatusCodes.Status409Conflict, e.Message + " Tick the box to confirm.");
        }
        catch (CatalogChangedException e)
        {
            Preview = e.Report;
            return Refuse(StatusCodes.Status409Conflict, e.Message);
        }
        catch (ImportBusyException e)
        {
            return Refuse(StatusCodes.Status409Conflict, e.Message);
        }
        catch (SeedFileException e)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, e.Message);
        }
    }

    // A dry run first, on a read snapshot: a file the importer refuses is never kept, and nothing touches the catalog.
    // Then the file is kept (one row) for Apply; the diff is shown only with a token to apply it.
    private async Task<IActionResult> PreviewAsync(Func<Task<SeedFile>> read, CancellationToken ct)
    {
        try
        {
            var file = await read();
            var report = await importer.ImportAsync(new ImportRequest(file, DryRun: true), ct);
            Token = await pending.SaveAsync(file, User.Identity?.Name, ct);
            Preview = report;
            return Page();
        }
        catch (SeedFileException e)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, e.Message);
        }
        catch (ImportBusyException e)
        {
            return Refuse(StatusCodes.Status409Conflict, e.Message);
        }
    }

    private static async Task<SeedFile> ReadUploadAsync(IFormFile upload, CancellationToken ct)
    {
        using var content = new MemoryStream((int)upload.Length);
        await upload.CopyToAsync(content, ct);

        // Some browsers send the full client path; the file name alone names the source.
        return new SeedFile(upload.FileName.Split('/', '\\')[^1], content.ToArray());
    }

    private IActionResult Refuse(int status, string message)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }

    private List<string> SeedNames() => Directory.Exists(options.Value.SeedsPath)
        ? Directory.EnumerateFiles(options.Value.SeedsPath, "*.md").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList()
        : [];
}
