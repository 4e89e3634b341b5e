using System.Text.Json.Serialization;

namespace Catalog.Web.Import;

/// <summary>What an import did or would do: the CLI's --json shape (a contract other tools read).</summary>
public sealed record ImportReport(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("topics")] int Topics,
    [property: JsonPropertyName("links")] int Links,
    [property: JsonPropertyName("distinctUrls")] int DistinctUrls,
    [property: JsonPropertyName("quotes")] int Quotes,
    [property: JsonPropertyName("images")] int Images,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings,
    [property: JsonPropertyName("diff")] ImportDiff Diff)
{
    [JsonIgnore]
    public bool DryRun { get; init; }

    [JsonIgnore]
    public string Sha256 { get; init; } = "";

    /// <summary>Set when the file is the one already applied: nothing would change.</summary>
    [JsonIgnore]
    public bool Unchanged { get; init; }

    /// <summary>How many distinct URLs the catalog held before this import.</summary>
    [JsonIgnore]
    public int CatalogLinks { get; init; }

    /// <summary>The import would remove more than half of the catalog's links: applying it needs a confirmation.</summary>
    [JsonIgnore]
    public bool RemovesMostLinks => Diff.LinksRemoved * 2L > CatalogLinks;

    /// <summary>The <c>CatalogState.Version</c> the diff was computed against; an apply can insist on it.</summary>
    [JsonIgnore]
    public long CatalogVersion { get; init; }

    /// <summary>The <c>ImportRuns</c> row an applied import recorded.</summary>
    [JsonIgnore]
    public int? RunId { get; init; }
}

/// <summary>Counts are of distinct URLs: added = new to the catalog, removed = gone from it, changed = label or topics changed.</summary>
public sealed record ImportDiff(
    [property: JsonPropertyName("topicsAdded")] IReadOnlyList<string> TopicsAdded,
    [property: JsonPropertyName("topicsRemoved")] IReadOnlyList<string> TopicsRemoved,
    [property: JsonPropertyName("topicsRenamed")] IReadOnlyList<TopicRename> TopicsRenamed,
    [property: JsonPropertyName("linksAdded")] int LinksAdded,
    [property: JsonPropertyName("linksRemoved")] int LinksRemoved,
    [property: JsonPropertyName("linksChanged")] int LinksChanged)
{
    /// <summary>Every change, item by item, each naming its topic: what the admin preview lists.</summary>
    [JsonIgnore]
    public IReadOnlyList<ImportChange> Changes { get; init; } = [];

    [JsonIgnore]
    public bool IsEmpty => TopicsAdded.Count == 0 && TopicsRemoved.Count == 0 && TopicsRenamed.Count == 0
        && LinksAdded == 0 && LinksRemoved == 0 && LinksChanged == 0 && Changes.Count == 0;
}

public sealed record TopicRename(
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To);

// Stored by name in ImportRuns.DiffJson: history stays readable if the enum is reordered.
[JsonConverter(typeof(JsonStringEnumConverter<ChangeKind>))]
public enum ChangeKind
{
    TopicAdded,
    TopicRemoved,
    TopicRenamed,
    LinkAdded,
    LinkRemoved,
    LinkRelabelled,
    LinkMoved,
    QuoteAdded,
    QuoteRemoved,
    QuoteEdited,
    ImageAdded,
    ImageRemoved,
    IntroEdited,
}

public sealed record ImportChange(ChangeKind Kind, string Topic, string Detail);
