using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Web.Data.Migrations
{
    /// <summary>
    /// The full-text index (SQLite FTS5). Filled by Search/SearchIndex.cs inside every import's transaction.
    /// Porter stemming over unicode61 with diacritics folded; CJK text is indexed one character per token
    /// (Search/SearchText.Segment), so any run of Chinese characters is a phrase query.
    /// </summary>
    public partial class SearchIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE search_index USING fts5(
                    title, body, urlwords,
                    doc_type UNINDEXED, doc_id UNINDEXED,
                    tokenize = 'porter unicode61 remove_diacritics 2',
                    prefix = '2 3'
                );
                """);
            migrationBuilder.Sql("CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row');");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_vocab;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_index;");
        }
    }
}
