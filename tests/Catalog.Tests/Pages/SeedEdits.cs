using System.Text;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Pages;

/// <summary>Re-imports of edited copies of the seed, through the one import service, as the CLI or admin would.</summary>
public static class SeedEdits
{
    public const string SeedName = "science-of-deep-learning.md";

    public static string Original => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seeds", SeedName));

    /// <summary>The text between a heading line and the next heading of the same level, heading included.</summary>
    public static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the seed has no heading {heading}");
        var prefix = heading[..(heading.IndexOf(' ', StringComparison.Ordinal) + 1)];
        var end = markdown.IndexOf("\n" + prefix, start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..(end + 1)];
    }

    public static async Task<ImportReport> ImportAsync(CatalogFactory factory, string markdown)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
        var file = new SeedFile(SeedName, Encoding.UTF8.GetBytes(markdown));
        return await importer.ImportAsync(new ImportRequest(file, User: "tests", ConfirmLargeRemoval: true), TestContext.Current.CancellationToken);
    }

    public static async Task<ImportReport> ImportDryRunAsync(CatalogFactory factory, string markdown)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
        var file = new SeedFile(SeedName, Encoding.UTF8.GetBytes(markdown));
        return await importer.ImportAsync(new ImportRequest(file, DryRun: true, User: "tests"), TestContext.Current.CancellationToken);
    }
}
