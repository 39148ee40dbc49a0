using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Intake.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MachineIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "external_alerts",
                schema: "intake",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    integration_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    dedup_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    open_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    summary = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_event_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    triggers = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_external_alerts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_external_alerts_integration_id_dedup_key",
                schema: "intake",
                table: "external_alerts",
                columns: new[] { "integration_id", "dedup_key" });

            migrationBuilder.CreateIndex(
                name: "ix_external_alerts_integration_id_open_key",
                schema: "intake",
                table: "external_alerts",
                columns: new[] { "integration_id", "open_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_external_alerts_report_id",
                schema: "intake",
                table: "external_alerts",
                column: "report_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "external_alerts",
                schema: "intake");
        }
    }
}
