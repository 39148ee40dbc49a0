using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnalyticsPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "closed_at",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "opened_at",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "incident_duties",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_duties", x => new { x.incident_id, x.kind });
                });

            // Existing copies: opened when their first unit was engaged (else when last changed), closed when last changed;
            // one row per stored duty (instants are UTC ticks; submission times arrive with the incident's next state).
            migrationBuilder.Sql("""
                UPDATE incidents
                SET opened_at = COALESCE((SELECT MIN(e.engaged_at) FROM engagements e WHERE e.incident_id = incidents.incident_id), updated_at)
                WHERE opened_at IS NULL;
                UPDATE incidents SET closed_at = updated_at WHERE status = 'closed' AND closed_at IS NULL;
                INSERT OR IGNORE INTO incident_duties (incident_id, kind, due_at, state, submitted_at)
                SELECT i.incident_id, json_extract(d.value, '$.id'),
                       CAST(strftime('%s', json_extract(d.value, '$.dueAt')) AS INTEGER) * 10000000 + 621355968000000000,
                       COALESCE(json_extract(d.value, '$.state'), 'due'), NULL
                FROM incidents i, json_each(i.deadlines) d
                WHERE json_valid(i.deadlines) AND json_extract(d.value, '$.id') IS NOT NULL AND json_extract(d.value, '$.dueAt') IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_opened_at",
                table: "incidents",
                column: "opened_at");

            migrationBuilder.CreateIndex(
                name: "ix_engagements_engaged_at_unit_code",
                table: "engagements",
                columns: new[] { "engaged_at", "unit_code" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_attempts_started_at",
                table: "delivery_attempts",
                column: "started_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_duties");

            migrationBuilder.DropIndex(
                name: "ix_incidents_opened_at",
                table: "incidents");

            migrationBuilder.DropIndex(
                name: "ix_engagements_engaged_at_unit_code",
                table: "engagements");

            migrationBuilder.DropIndex(
                name: "ix_delivery_attempts_started_at",
                table: "delivery_attempts");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "opened_at",
                table: "incidents");
        }
    }
}
