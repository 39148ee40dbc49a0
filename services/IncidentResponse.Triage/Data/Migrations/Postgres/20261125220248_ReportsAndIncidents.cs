using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportsAndIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "correlation_keys",
                schema: "triage",
                columns: table => new
                {
                    fingerprint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_correlation_keys", x => x.fingerprint);
                });

            migrationBuilder.CreateTable(
                name: "incident_counters",
                schema: "triage",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_counters", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "incident_reports",
                schema: "triage",
                columns: table => new
                {
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    triaged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    channel = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    serious = table.Column<bool>(type: "boolean", nullable: false),
                    report = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_reports", x => x.report_id);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    classification = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    resolution = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    severity_level = table.Column<int>(type: "integer", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    serious = table.Column<bool>(type: "boolean", nullable: false),
                    severity_overridden = table.Column<bool>(type: "boolean", nullable: false),
                    tlp = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    personal_data = table.Column<bool>(type: "boolean", nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    report_count = table.Column<int>(type: "integer", nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    policy_version = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    regime = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    affected_system = table.Column<string>(type: "text", nullable: true),
                    assessment = table.Column<string>(type: "text", nullable: false),
                    timeline_length = table.Column<int>(type: "integer", nullable: false),
                    timeline_head = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "policy_records",
                schema: "triage",
                columns: table => new
                {
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    version = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    first_loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_records", x => new { x.kind, x.version });
                });

            migrationBuilder.CreateTable(
                name: "timeline_entries",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    actor_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    summary_vi = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    summary_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    data = table.Column<string>(type: "text", nullable: true),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incident_deadlines",
                schema: "triage",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    regime = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name_vi = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    name_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    basis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    recipients = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_deadlines", x => new { x.incident_id, x.kind });
                    table.ForeignKey(
                        name: "fk_incident_deadlines_incidents_incident_id",
                        column: x => x.incident_id,
                        principalSchema: "triage",
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_deadlines_due_at",
                schema: "triage",
                table: "incident_deadlines",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "ix_incident_reports_incident_id",
                schema: "triage",
                table: "incident_reports",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_last_seen_at",
                schema: "triage",
                table: "incidents",
                column: "last_seen_at");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_number",
                schema: "triage",
                table: "incidents",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_status_severity_level",
                schema: "triage",
                table: "incidents",
                columns: new[] { "status", "severity_level" });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_entries_incident_id_sequence",
                schema: "triage",
                table: "timeline_entries",
                columns: new[] { "incident_id", "sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "correlation_keys",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "incident_counters",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "incident_deadlines",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "incident_reports",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "policy_records",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "timeline_entries",
                schema: "triage");

            migrationBuilder.DropTable(
                name: "incidents",
                schema: "triage");
        }
    }
}
