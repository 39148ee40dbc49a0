using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TimelineSourceKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "source_key",
                table: "timeline_entries",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // The entries put on before source keys get theirs from their data, so that a message applied by an
            // earlier version (a unit engaged announced again, a delivery redelivered) finds its entry; where an
            // earlier version put one on twice, the first keeps the key.
            migrationBuilder.Sql("UPDATE timeline_entries AS e SET source_key = 'engaged:' || json_extract(e.data, '$.engagementId') WHERE e.kind = 'unit-engaged' AND e.data IS NOT NULL AND e.source_key IS NULL AND json_extract(e.data, '$.engagementId') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM timeline_entries AS o WHERE o.incident_id = e.incident_id AND o.kind = e.kind AND o.data IS NOT NULL AND json_extract(o.data, '$.engagementId') = json_extract(e.data, '$.engagementId') AND o.sequence < e.sequence);");
            migrationBuilder.Sql("UPDATE timeline_entries AS e SET source_key = 'delivered:' || json_extract(e.data, '$.notificationId') WHERE e.kind = 'notification-delivered' AND e.data IS NOT NULL AND e.source_key IS NULL AND json_extract(e.data, '$.notificationId') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM timeline_entries AS o WHERE o.incident_id = e.incident_id AND o.kind = e.kind AND o.data IS NOT NULL AND json_extract(o.data, '$.notificationId') = json_extract(e.data, '$.notificationId') AND o.sequence < e.sequence);");

            migrationBuilder.CreateIndex(
                name: "ix_timeline_entries_incident_id_source_key",
                table: "timeline_entries",
                columns: new[] { "incident_id", "source_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_timeline_entries_incident_id_source_key",
                table: "timeline_entries");

            migrationBuilder.DropColumn(
                name: "source_key",
                table: "timeline_entries");
        }
    }
}
