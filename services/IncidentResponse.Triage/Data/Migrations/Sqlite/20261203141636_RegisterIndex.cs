using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegisterIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "search_indexed",
                table: "incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

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

            migrationBuilder.CreateTable(
                name: "incident_units",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    engaged_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_units", x => new { x.incident_id, x.unit_code });
                });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_opened_at",
                table: "incidents",
                column: "opened_at");

            migrationBuilder.CreateIndex(
                name: "ix_incident_search_terms_term",
                table: "incident_search_terms",
                column: "term");

            migrationBuilder.CreateIndex(
                name: "ix_incident_units_unit_code",
                table: "incident_units",
                column: "unit_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_search_terms");

            migrationBuilder.DropTable(
                name: "incident_units");

            migrationBuilder.DropIndex(
                name: "ix_incidents_opened_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "search_indexed",
                table: "incidents");
        }
    }
}
