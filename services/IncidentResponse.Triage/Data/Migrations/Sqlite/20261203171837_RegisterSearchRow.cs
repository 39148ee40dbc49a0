using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegisterSearchRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incident_search",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    terms = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_search", x => x.incident_id);
                });

            // The terms of each incident move into its one row (terms are folded words without spaces).
            migrationBuilder.Sql("INSERT INTO incident_search (incident_id, terms) SELECT incident_id, ' ' || group_concat(term, ' ') || ' ' FROM incident_search_terms GROUP BY incident_id;");

            migrationBuilder.DropTable(
                name: "incident_search_terms");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_search");

            migrationBuilder.CreateTable(
                name: "incident_search_terms",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    term = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_search_terms", x => new { x.incident_id, x.term });
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_search_terms_term",
                table: "incident_search_terms",
                column: "term");
        }
    }
}
