using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoredFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FigureBlobs",
                columns: table => new
                {
                    Sha256 = table.Column<string>(type: "TEXT", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureBlobs", x => x.Sha256);
                });

            migrationBuilder.CreateTable(
                name: "StoredFigures",
                columns: table => new
                {
                    Src = table.Column<string>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", nullable: false),
                    FetchedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFigures", x => x.Src);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoredFigures_Sha256",
                table: "StoredFigures",
                column: "Sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FigureBlobs");

            migrationBuilder.DropTable(
                name: "StoredFigures");
        }
    }
}
