using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LinkHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LinkChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Url = table.Column<string>(type: "TEXT", nullable: false),
                    CheckedAt = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    HttpStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    FinalUrl = table.Column<string>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    Inconclusive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LinkHealth",
                columns: table => new
                {
                    Url = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    CheckedAt = table.Column<string>(type: "TEXT", nullable: false),
                    HttpStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    FinalUrl = table.Column<string>(type: "TEXT", nullable: true),
                    FirstStrikeAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    DeadSince = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ArchiveUrl = table.Column<string>(type: "TEXT", nullable: true),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkHealth", x => x.Url);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LinkChecks_Url_CheckedAt",
                table: "LinkChecks",
                columns: new[] { "Url", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LinkHealth_DeadSince",
                table: "LinkHealth",
                column: "DeadSince");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LinkChecks");

            migrationBuilder.DropTable(
                name: "LinkHealth");
        }
    }
}
