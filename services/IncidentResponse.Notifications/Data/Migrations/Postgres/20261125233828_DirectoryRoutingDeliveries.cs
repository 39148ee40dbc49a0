using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DirectoryRoutingDeliveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "delivery_attempts",
                schema: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    notification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    address = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    provider_response = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    provider_message_id = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    latency_ms = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_attempts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "engagements",
                schema: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    rule_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    routing_version = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    severity_level = table.Column<int>(type: "integer", nullable: false),
                    serious = table.Column<bool>(type: "boolean", nullable: false),
                    engaged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_engagements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                schema: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    engagement_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unit_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recipient_key = table.Column<string>(type: "character varying(130)", maxLength: 130, nullable: false),
                    recipient_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    destinations = table.Column<string>(type: "text", nullable: false),
                    notice = table.Column<string>(type: "text", nullable: false),
                    acknowledge_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    claimed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    claimed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempt_count = table.Column<int>(type: "integer", nullable: false),
                    resends = table.Column<int>(type: "integer", nullable: false),
                    delivered_channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    delivered_address = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                schema: "notifications",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    source = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rule_versions",
                schema: "notifications",
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
                    table.PrimaryKey("pk_rule_versions", x => new { x.kind, x.version });
                });

            migrationBuilder.CreateTable(
                name: "units",
                schema: "notifications",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_vi = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    name_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    duty_language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    duty_time_zone = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    duty_channels = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    source = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_units", x => x.code);
                });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_attempts_notification_id_sequence",
                schema: "notifications",
                table: "delivery_attempts",
                columns: new[] { "notification_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_engagements_incident_id_unit_code",
                schema: "notifications",
                table: "engagements",
                columns: new[] { "incident_id", "unit_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_acknowledge_code",
                schema: "notifications",
                table: "notifications",
                column: "acknowledge_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_idempotency_key",
                schema: "notifications",
                table: "notifications",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_incident_id",
                schema: "notifications",
                table: "notifications",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_status_next_attempt_at",
                schema: "notifications",
                table: "notifications",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_people_unit_code",
                schema: "notifications",
                table: "people",
                column: "unit_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delivery_attempts",
                schema: "notifications");

            migrationBuilder.DropTable(
                name: "engagements",
                schema: "notifications");

            migrationBuilder.DropTable(
                name: "notifications",
                schema: "notifications");

            migrationBuilder.DropTable(
                name: "people",
                schema: "notifications");

            migrationBuilder.DropTable(
                name: "rule_versions",
                schema: "notifications");

            migrationBuilder.DropTable(
                name: "units",
                schema: "notifications");
        }
    }
}
