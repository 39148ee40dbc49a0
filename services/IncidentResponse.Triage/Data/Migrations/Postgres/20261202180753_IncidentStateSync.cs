using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IncidentStateSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "state_published_at",
                schema: "triage",
                table: "incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "state_synced",
                schema: "triage",
                table: "incidents",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "state_version",
                schema: "triage",
                table: "incidents",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "correlated",
                schema: "triage",
                table: "incident_reports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "incident_state_receipts",
                schema: "triage",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    state_version = table.Column<int>(type: "integer", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_state_receipts", x => new { x.incident_id, x.service });
                });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_state_synced_state_published_at",
                schema: "triage",
                table: "incidents",
                columns: new[] { "state_synced", "state_published_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_state_receipts",
                schema: "triage");

            migrationBuilder.DropIndex(
                name: "ix_incidents_state_synced_state_published_at",
                schema: "triage",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "state_published_at",
                schema: "triage",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "state_synced",
                schema: "triage",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "state_version",
                schema: "triage",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "correlated",
                schema: "triage",
                table: "incident_reports");
        }
    }
}
