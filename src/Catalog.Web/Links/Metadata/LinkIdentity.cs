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
    // The ids go to a temporary table through the dialect's bulk rows (JSON batches or COPY), then one upsert both
    // databases accept. A row a run or a file wrote keeps its id; one that had none (a file's row for a URL that names
    // no work) takes it.
    private const string Staging = "LinkIdentities";

    private const string Upsert = """
        INSERT INTO "LinkMetadata" ("Url", "CanonicalId", "Authors", "FieldSources", "AttemptedAt")
        SELECT "Url", "CanonicalId", '[]', '{}', @never FROM "LinkIdentities" WHERE true
        ON CONFLICT ("Url") DO UPDATE SET "CanonicalId" = excluded."CanonicalId" WHERE "LinkMetadata"."CanonicalId" IS NULL
        """;

    public static async Task EnsureAsync(
        DbConnection connection, DbTransaction transaction, IDatabaseDialect dialect, IEnumerable<string> urls, CancellationToken ct)
    {
        await transaction.ExecuteAsync($"""CREATE TEMP TABLE "{Staging}" ("Url" TEXT NOT NULL, "CanonicalId" TEXT NOT NULL)""", ct);
        await using (var rows = dialect.BulkInsert(connection, transaction, Staging, "Url", "CanonicalId"))
        {
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

        await using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = Upsert;
            var never = upsert.CreateParameter();
            never.ParameterName = "@never";
            never.Value = DateTimeOffset.MinValue;
            upsert.Parameters.Add(never);
            await upsert.ExecuteNonQueryAsync(ct);
        }

        await transaction.ExecuteAsync($"""DROP TABLE "{Staging}" """, ct);
    }
}
