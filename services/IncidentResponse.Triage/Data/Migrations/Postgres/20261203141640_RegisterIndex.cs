using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegisterIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "search_indexed",
                schema: "triage",
                table: "incidents",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "incident_search_terms",
                schema: "triage",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    term = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_search_terms", x => new { x.incident_id, x.term });
                });

            migrationBuilder.CreateTable(
                name: "incident_units",
                schema: "triage",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    engaged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_units", x => new { x.incident_id, x.unit_code });
                });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_opened_at",
                schema: "triage",
                table: "incidents",
                column: "opened_at");

            migrationBuilder.CreateIndex(
                name: "ix_incident_search_terms_term",
                schema: "triage",
                table: "incident_search_terms",
                column: "term")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_incident_units_unit_code",
                schema: "triage",
                table: "incident_units",
                column: "unit_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_search_terms",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "incident_units",
                schema: "triage");

            migrationBuilder.DropIndex(
                name: "ix_incidents_opened_at",
                schema: "triage",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "search_indexed",
                schema: "triage",
                table: "incidents");
        }
    }
}
