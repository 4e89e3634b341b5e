using System.Text.Json;
using Catalog.Web.Import;

namespace Catalog.Web.Pages.Admin;

/// <summary>An import's report and its item-by-item changes, as the preview and the history pages show them.</summary>
public sealed record DiffView(ImportReport Report, IReadOnlyList<ImportChange> Changes)
{
    /// <summary>Groups a change list is shown in, in this order.</summary>
    public static readonly IReadOnlyList<(ChangeKind Kind, string Heading)> Groups =
    [
        (ChangeKind.TopicAdded, "Topics added"),
        (ChangeKind.TopicRemoved, "Topics removed"),
        (ChangeKind.TopicRenamed, "Topics renamed"),
        (ChangeKind.IntroEdited, "Topic intros edited"),
        (ChangeKind.LinkAdded, "Links added"),
        (ChangeKind.LinkRemoved, "Links removed"),
        (ChangeKind.LinkRelabelled, "Links relabelled"),
        (ChangeKind.LinkMoved, "Links moved between topics"),
        (ChangeKind.QuoteAdded, "Quotes added"),
        (ChangeKind.QuoteRemoved, "Quotes removed"),
        (ChangeKind.QuoteEdited, "Quotes edited"),
        (ChangeKind.ImageAdded, "Images added"),
        (ChangeKind.ImageRemoved, "Images removed"),
    ];

    public static DiffView Of(ImportReport report) => new(report, report.Diff.Changes);

    public static string Summary(ImportDiff diff) =>
        $"topics +{diff.TopicsAdded.Count} −{diff.TopicsRemoved.Count}, {diff.TopicsRenamed.Count} renamed; " +
        $"links +{diff.LinksAdded} −{diff.LinksRemoved}, {diff.LinksChanged} changed";

    /// <summary>A stored report, or null if it is not one (a shape from before the report had a diff).</summary>
    public static ImportReport? ReadReport(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ImportReport>(json, CatalogImporter.ReportJson) is { Diff: not null } report ? report : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IReadOnlyList<ImportChange> ReadChanges(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<ImportChange>>(json, CatalogImporter.ReportJson) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string When(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
