using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Web.Data.Migrations
{
    /// <summary>
    /// <c>search_index</c> without <c>prefix = '2 3'</c>. Measured on the 200x benchmark catalog, the prefix indexes
    /// made no prefix query faster (ranking the matches costs the time, with or without them) and took a large share
    /// of the index's build time in every import (tests/Catalog.Benchmarks/README.md, "Changes made for the targets"). The empty index is refilled on the next start
    /// (Import/CatalogStartup.cs) or import.
    /// </summary>
    public partial class SearchIndexWithoutPrefixIndexes : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_index;");
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE search_index USING fts5(
                    title, quote, body, urlwords,
                    tokenize = 'porter unicode61 remove_diacritics 2'
                );
                """);
            migrationBuilder.Sql("INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(10.0, 4.0, 3.0, 1.0)');");
            migrationBuilder.Sql("INSERT INTO search_words (search_words) VALUES ('delete-all');");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_index;");
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE search_index USING fts5(
                    title, quote, body, urlwords,
                    tokenize = 'porter unicode61 remove_diacritics 2',
                    prefix = '2 3'
                );
                """);
            migrationBuilder.Sql("INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(10.0, 4.0, 3.0, 1.0)');");
            migrationBuilder.Sql("INSERT INTO search_words (search_words) VALUES ('delete-all');");
        }
    }
}
