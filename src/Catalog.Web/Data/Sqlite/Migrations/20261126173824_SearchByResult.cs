using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Web.Data.Migrations
{
    /// <summary>
    /// The search index, one document per search result. Link documents have rowid = Links.Id and topic documents
    /// rowid = -Topics.Id, so a rowid range selects a document type and the join to the catalog is by primary key.
    /// Columns, weighted by bm25 in this order: title (link labels, topic title), quote (quotes whose source is the
    /// link), body (prose around a link, topic intro), urlwords. A link document holds only the link's own text, not
    /// the titles of its topics: those would make "deep" or "learning" match every link of the catalog (the topics are
    /// results of their own, and the topic facet narrows to them).
    /// <c>search_words</c> indexes the same text without stemming (contentless, no positions): its vocabulary
    /// (<c>search_vocab</c>) holds real words for prefix completion and spelling suggestions.
    /// Filled by Search/SearchIndex.cs inside every import's transaction (and on start when it is empty).
    /// </summary>
    public partial class SearchByResult : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE search_index USING fts5(
                    title, quote, body, urlwords,
                    tokenize = 'porter unicode61 remove_diacritics 2',
                    prefix = '2 3'
                );
                """);
            migrationBuilder.Sql("INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(10.0, 4.0, 3.0, 1.0)');");
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE search_words USING fts5(
                    words,
                    tokenize = 'unicode61 remove_diacritics 2',
                    content = '', detail = none
                );
                """);
            migrationBuilder.Sql("CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_words, 'row');");

            // Facet counts by topic read (LinkId -> TopicId) for every hit: a covering index keeps that in the index.
            migrationBuilder.Sql("CREATE INDEX IX_Mentions_LinkId_TopicId ON Mentions (LinkId, TopicId);");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS IX_Mentions_LinkId_TopicId;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_vocab;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_words;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_index;");
        }
    }
}
