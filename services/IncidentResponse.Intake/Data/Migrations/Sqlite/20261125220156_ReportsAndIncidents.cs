using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Intake.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportsAndIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    submitted_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    classification = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    tlp = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    incident_number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    correlated = table.Column<bool>(type: "INTEGER", nullable: false),
                    triaged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_announced_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reports", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reports_received_at",
                table: "reports",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_reports_status_last_announced_at",
                table: "reports",
                columns: new[] { "status", "last_announced_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_submitted_by_idempotency_key",
                table: "reports",
                columns: new[] { "submitted_by", "idempotency_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reports");
        }
    }
}
