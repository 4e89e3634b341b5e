using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Web.Data.PostgreSql.Migrations
{
    /// <summary>
    /// The search index on PostgreSQL (Data/PostgreSql/PostgreSqlSearch.cs): one row per search result, rowid = link
    /// id or -topic id, the text of its four columns as SQLite's FTS5 table has them (title, quote, body, urlwords: the
    /// snippets come from it), <c>document</c> the weighted tsvector searched under a GIN index, and <c>words</c> the
    /// text unstemmed, from which <c>search_vocab</c> is counted. The configuration stems English as FTS5's porter does
    /// and, like it, drops no stop words.
    /// </summary>
    public partial class PostgreSqlSearchIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH DICTIONARY catalog_english_stem (TEMPLATE = snowball, Language = english);
                CREATE TEXT SEARCH CONFIGURATION catalog_english (COPY = pg_catalog.english);
                ALTER TEXT SEARCH CONFIGURATION catalog_english
                    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH catalog_english_stem;
                CREATE TABLE search_index (
                    rowid bigint PRIMARY KEY,
                    title text NOT NULL,
                    quote text NOT NULL,
                    body text NOT NULL,
                    urlwords text NOT NULL,
                    document tsvector NOT NULL,
                    words tsvector NOT NULL);
                CREATE INDEX search_index_document ON search_index USING gin (document);
                CREATE TABLE search_vocab (term text COLLATE "C" PRIMARY KEY, doc integer NOT NULL);
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE search_vocab;
                DROP TABLE search_index;
                DROP TEXT SEARCH CONFIGURATION catalog_english;
                DROP TEXT SEARCH DICTIONARY catalog_english_stem;
                """);
        }
    }
}
