using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Intake.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MaintenanceWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "maintenance_window_id",
                schema: "intake",
                table: "external_alerts",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "maintenance_windows",
                schema: "intake",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    integration_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recurrence = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    series_ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_maintenance_windows", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_external_alerts_maintenance_window_id",
                schema: "intake",
                table: "external_alerts",
                column: "maintenance_window_id");

            migrationBuilder.CreateIndex(
                name: "ix_maintenance_windows_integration_id_series_ends_at",
                schema: "intake",
                table: "maintenance_windows",
                columns: new[] { "integration_id", "series_ends_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "maintenance_windows",
                schema: "intake");

            migrationBuilder.DropIndex(
                name: "ix_external_alerts_maintenance_window_id",
                schema: "intake",
                table: "external_alerts");

            migrationBuilder.DropColumn(
                name: "maintenance_window_id",
                schema: "intake",
                table: "external_alerts");
        }
    }
}
