using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TimelineSourceKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "source_key",
                schema: "triage",
                table: "timeline_entries",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            // The entries put on before source keys get theirs from their data, so that a message applied by an
            // earlier version (a unit engaged announced again, a delivery redelivered) finds its entry; where an
            // earlier version put one on twice, the first keeps the key.
            migrationBuilder.Sql("UPDATE triage.timeline_entries AS e SET source_key = 'engaged:' || (e.data::jsonb ->> 'engagementId') WHERE e.kind = 'unit-engaged' AND e.data IS NOT NULL AND e.source_key IS NULL AND (e.data::jsonb ->> 'engagementId') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM triage.timeline_entries AS o WHERE o.incident_id = e.incident_id AND o.kind = e.kind AND o.data IS NOT NULL AND (o.data::jsonb ->> 'engagementId') = (e.data::jsonb ->> 'engagementId') AND o.sequence < e.sequence);");
            migrationBuilder.Sql("UPDATE triage.timeline_entries AS e SET source_key = 'delivered:' || (e.data::jsonb ->> 'notificationId') WHERE e.kind = 'notification-delivered' AND e.data IS NOT NULL AND e.source_key IS NULL AND (e.data::jsonb ->> 'notificationId') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM triage.timeline_entries AS o WHERE o.incident_id = e.incident_id AND o.kind = e.kind AND o.data IS NOT NULL AND (o.data::jsonb ->> 'notificationId') = (e.data::jsonb ->> 'notificationId') AND o.sequence < e.sequence);");

            migrationBuilder.CreateIndex(
                name: "ix_timeline_entries_incident_id_source_key",
                schema: "triage",
                table: "timeline_entries",
                columns: new[] { "incident_id", "source_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_timeline_entries_incident_id_source_key",
                schema: "triage",
                table: "timeline_entries");

            migrationBuilder.DropColumn(
                name: "source_key",
                schema: "triage",
                table: "timeline_entries");
        }
    }
}
