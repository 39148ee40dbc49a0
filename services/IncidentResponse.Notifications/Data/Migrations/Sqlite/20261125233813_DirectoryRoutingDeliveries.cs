using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DirectoryRoutingDeliveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "delivery_attempts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    notification_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    provider_response = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    provider_message_id = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    latency_ms = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_attempts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "engagements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    rule_id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    routing_version = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    severity_level = table.Column<int>(type: "INTEGER", nullable: false),
                    serious = table.Column<bool>(type: "INTEGER", nullable: false),
                    engaged_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_engagements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    engagement_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    recipient_key = table.Column<string>(type: "TEXT", maxLength: 130, nullable: false),
                    recipient_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    destinations = table.Column<string>(type: "TEXT", nullable: false),
                    notice = table.Column<string>(type: "TEXT", nullable: false),
                    acknowledge_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    claimed_until = table.Column<long>(type: "INTEGER", nullable: true),
                    attempt_count = table.Column<int>(type: "INTEGER", nullable: false),
                    resends = table.Column<int>(type: "INTEGER", nullable: false),
                    delivered_channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    delivered_address = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rule_versions",
                columns: table => new
                {
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    version = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    first_loaded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_versions", x => new { x.kind, x.version });
                });

            migrationBuilder.CreateTable(
                name: "units",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name_vi = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    duty_language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    duty_time_zone = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    duty_channels = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_units", x => x.code);
                });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_attempts_notification_id_sequence",
                table: "delivery_attempts",
                columns: new[] { "notification_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_engagements_incident_id_unit_code",
                table: "engagements",
                columns: new[] { "incident_id", "unit_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_acknowledge_code",
                table: "notifications",
                column: "acknowledge_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_idempotency_key",
                table: "notifications",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_incident_id",
                table: "notifications",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_status_next_attempt_at",
                table: "notifications",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_people_unit_code",
                table: "people",
                column: "unit_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delivery_attempts");

            migrationBuilder.DropTable(
                name: "engagements");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "rule_versions");

            migrationBuilder.DropTable(
                name: "units");
        }
    }
}
