using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncidentStateSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "state_published_at",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "state_synced",
                table: "incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "state_version",
                table: "incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "correlated",
                table: "incident_reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "incident_state_receipts",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    state_version = table.Column<int>(type: "INTEGER", nullable: false),
                    applied_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_state_receipts", x => new { x.incident_id, x.service });
                });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_state_synced_state_published_at",
                table: "incidents",
                columns: new[] { "state_synced", "state_published_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_state_receipts");

            migrationBuilder.DropIndex(
                name: "ix_incidents_state_synced_state_published_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "state_published_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "state_synced",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "state_version",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "correlated",
                table: "incident_reports");
        }
    }
}
