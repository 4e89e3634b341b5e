using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Web.Data.Migrations
{
    /// <summary>
    /// Mentions had two indexes led by LinkId: EF's for the foreign key, and the covering (LinkId, TopicId) that
    /// SearchByResult made in SQL for search facets. The covering one serves both, so the model now declares it and
    /// the other goes: one b-tree less to fill for every mention an import writes.
    /// </summary>
    public partial class MentionsIndexedOnceByLink : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Mentions_LinkId",
                table: "Mentions");

            // Made by SearchByResult already; IF NOT EXISTS keeps this step safe either way.
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS IX_Mentions_LinkId_TopicId ON Mentions (LinkId, TopicId);");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Mentions_LinkId",
                table: "Mentions",
                column: "LinkId");
        }
    }
}
