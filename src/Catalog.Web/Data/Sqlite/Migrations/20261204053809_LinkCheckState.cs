using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LinkCheckState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LinkCheckState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Holder = table.Column<string>(type: "TEXT", nullable: true),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Done = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    LastFinishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LastSummaryJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkCheckState", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "LinkCheckState",
                columns: new[] { "Id", "Done", "Holder", "LastFinishedAt", "LastSummaryJson", "LeaseUntil", "StartedAt", "Total" },
                values: new object[] { 1, 0, null, null, null, null, null, 0 });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LinkCheckState");
        }
    }
}
