using System.Data.Common;
using Catalog.Web.Data;

namespace Catalog.Web.Links.Metadata;

/// <summary>
/// Gives every arXiv or DOI link its canonical id as soon as it is imported, before anything is fetched: a
/// LinkMetadata row holding only the URL and the id (never attempted, so the next metadata run asks for it first).
/// "Also in", the link page and search join the same work through these ids, whether fetched or not.
/// </summary>
public static class LinkIdentity
{
    // A row a run or a file wrote keeps its id; one that had none (a file's row for a URL that names no work) takes it.
    private const string Upsert = """
        INSERT INTO LinkMetadata (Url, CanonicalId, Authors, FieldSources, AttemptedAt)
        SELECT value->>0, value->>1, '[]', '{}', '0001-01-01 00:00:00+00:00' FROM json_each(CAST($rows AS TEXT)) WHERE true
        ON CONFLICT (Url) DO UPDATE SET CanonicalId = excluded.CanonicalId WHERE LinkMetadata.CanonicalId IS NULL
        """;

    public static async Task EnsureAsync(DbConnection connection, DbTransaction transaction, IEnumerable<string> urls, CancellationToken ct)
    {
        await using var rows = new JsonRows(connection, transaction, Upsert);
        foreach (var url in urls)
        {
            if (CanonicalId.FromUrl(url) is { } id)
            {
                rows.Row().Value(url).Value(id);
                await rows.FlushIfFullAsync(ct);
            }
        }

        await rows.FlushAsync(ct);
    }
}
