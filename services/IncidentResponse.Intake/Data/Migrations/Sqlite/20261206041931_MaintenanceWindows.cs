using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Intake.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MaintenanceWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "maintenance_window_id",
                table: "external_alerts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "maintenance_windows",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    integration_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ends_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recurrence = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    series_ends_at = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ended_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_maintenance_windows", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_external_alerts_maintenance_window_id",
                table: "external_alerts",
                column: "maintenance_window_id");

            migrationBuilder.CreateIndex(
                name: "ix_maintenance_windows_integration_id_series_ends_at",
                table: "maintenance_windows",
                columns: new[] { "integration_id", "series_ends_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "maintenance_windows");

            migrationBuilder.DropIndex(
                name: "ix_external_alerts_maintenance_window_id",
                table: "external_alerts");

            migrationBuilder.DropColumn(
                name: "maintenance_window_id",
                table: "external_alerts");
        }
    }
}
