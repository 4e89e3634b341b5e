using Catalog.Web.Data;

namespace Catalog.Web.Links;

/// <summary>
/// A link's health as readers see it, in the API's "health" object and on pages: every field null until the link is
/// first checked (contract: other tools read this shape).
/// </summary>
public sealed record LinkHealthView(
    string? Status,
    DateTimeOffset? CheckedAt,
    int? HttpStatus,
    string? FinalUrl,
    DateTimeOffset? DeadSince,
    string? ArchiveUrl,
    DateTimeOffset? ArchivedAt)
{
    public static readonly LinkHealthView Unchecked = new(null, null, null, null, null, null, null);

    public static LinkHealthView Of(LinkHealthRow? row) => row is null
        ? Unchecked
        : new(row.Status, row.CheckedAt, row.HttpStatus, row.FinalUrl, row.DeadSince, row.ArchiveUrl, row.ArchivedAt);
}
