using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AnalyticsPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                schema: "notifications",
                table: "incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "opened_at",
                schema: "notifications",
                table: "incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "incident_duties",
                schema: "notifications",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_duties", x => new { x.incident_id, x.kind });
                });

            // Existing copies: opened when their first unit was engaged (else when last changed), closed when last changed;
            // one row per stored duty (submission times arrive with the incident's next state).
            migrationBuilder.Sql("""
                UPDATE notifications.incidents i
                SET opened_at = COALESCE((SELECT MIN(e.engaged_at) FROM notifications.engagements e WHERE e.incident_id = i.incident_id), i.updated_at)
                WHERE i.opened_at IS NULL;
                UPDATE notifications.incidents SET closed_at = updated_at WHERE status = 'closed' AND closed_at IS NULL;
                INSERT INTO notifications.incident_duties (incident_id, kind, due_at, state, submitted_at)
                SELECT i.incident_id, d->>'id', (d->>'dueAt')::timestamptz, COALESCE(d->>'state', 'due'), NULL
                FROM notifications.incidents i CROSS JOIN LATERAL jsonb_array_elements(i.deadlines::jsonb) d
                WHERE d->>'id' IS NOT NULL AND d->>'dueAt' IS NOT NULL
                ON CONFLICT DO NOTHING;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_opened_at",
                schema: "notifications",
                table: "incidents",
                column: "opened_at");

            migrationBuilder.CreateIndex(
                name: "ix_engagements_engaged_at_unit_code",
                schema: "notifications",
                table: "engagements",
                columns: new[] { "engaged_at", "unit_code" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_attempts_started_at",
                schema: "notifications",
                table: "delivery_attempts",
                column: "started_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_duties",
                schema: "notifications");

            migrationBuilder.DropIndex(
                name: "ix_incidents_opened_at",
                schema: "notifications",
                table: "incidents");

            migrationBuilder.DropIndex(
                name: "ix_engagements_engaged_at_unit_code",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropIndex(
                name: "ix_delivery_attempts_started_at",
                schema: "notifications",
                table: "delivery_attempts");

            migrationBuilder.DropColumn(
                name: "closed_at",
                schema: "notifications",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "opened_at",
                schema: "notifications",
                table: "incidents");
        }
    }
}
