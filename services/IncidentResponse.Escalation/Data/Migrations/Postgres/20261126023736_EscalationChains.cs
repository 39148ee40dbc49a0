using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Escalation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EscalationChains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chains",
                schema: "escalation",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    severity_level = table.Column<int>(type: "integer", nullable: false),
                    serious = table.Column<bool>(type: "boolean", nullable: false),
                    policy_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    policy_version = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    next_step = table.Column<int>(type: "integer", nullable: false),
                    next_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_timer = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    last_fired_round = table.Column<int>(type: "integer", nullable: false),
                    last_fired_step = table.Column<int>(type: "integer", nullable: false),
                    last_fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chains", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "deadline_clocks",
                schema: "escalation",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    deadline_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    name_vi = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    name_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    basis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    policy_version = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    alerts_sent = table.Column<int>(type: "integer", nullable: false),
                    next_alert_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deadline_clocks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fired_steps",
                schema: "escalation",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    chain_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    retrigger = table.Column<bool>(type: "boolean", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    fired_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fired_steps", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rule_versions",
                schema: "escalation",
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

            migrationBuilder.CreateIndex(
                name: "ix_chains_incident_id",
                schema: "escalation",
                table: "chains",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_chains_state_next_due_at",
                schema: "escalation",
                table: "chains",
                columns: new[] { "state", "next_due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_deadline_clocks_incident_id_deadline_id",
                schema: "escalation",
                table: "deadline_clocks",
                columns: new[] { "incident_id", "deadline_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deadline_clocks_state_next_alert_at",
                schema: "escalation",
                table: "deadline_clocks",
                columns: new[] { "state", "next_alert_at" });

            migrationBuilder.CreateIndex(
                name: "ix_fired_steps_chain_id_round_step",
                schema: "escalation",
                table: "fired_steps",
                columns: new[] { "chain_id", "round", "step" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chains",
                schema: "escalation");

            migrationBuilder.DropTable(
                name: "deadline_clocks",
                schema: "escalation");

            migrationBuilder.DropTable(
                name: "fired_steps",
                schema: "escalation");

            migrationBuilder.DropTable(
                name: "rule_versions",
                schema: "escalation");
        }
    }
}
