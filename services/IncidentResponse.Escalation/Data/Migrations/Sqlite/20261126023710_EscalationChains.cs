using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Escalation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EscalationChains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chains",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    severity_level = table.Column<int>(type: "INTEGER", nullable: false),
                    serious = table.Column<bool>(type: "INTEGER", nullable: false),
                    policy_id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    policy_version = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    next_step = table.Column<int>(type: "INTEGER", nullable: false),
                    next_due_at = table.Column<long>(type: "INTEGER", nullable: true),
                    next_timer = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    last_fired_round = table.Column<int>(type: "INTEGER", nullable: false),
                    last_fired_step = table.Column<int>(type: "INTEGER", nullable: false),
                    last_fired_at = table.Column<long>(type: "INTEGER", nullable: true),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    acknowledged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chains", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "deadline_clocks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    deadline_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    name_vi = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    basis = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    policy_version = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    alerts_sent = table.Column<int>(type: "INTEGER", nullable: false),
                    next_alert_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deadline_clocks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fired_steps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    chain_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    step = table.Column<int>(type: "INTEGER", nullable: false),
                    retrigger = table.Column<bool>(type: "INTEGER", nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    fired_at = table.Column<long>(type: "INTEGER", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    fired_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fired_steps", x => x.id);
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

            migrationBuilder.CreateIndex(
                name: "ix_chains_incident_id",
                table: "chains",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_chains_state_next_due_at",
                table: "chains",
                columns: new[] { "state", "next_due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_deadline_clocks_incident_id_deadline_id",
                table: "deadline_clocks",
                columns: new[] { "incident_id", "deadline_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deadline_clocks_state_next_alert_at",
                table: "deadline_clocks",
                columns: new[] { "state", "next_alert_at" });

            migrationBuilder.CreateIndex(
                name: "ix_fired_steps_chain_id_round_step",
                table: "fired_steps",
                columns: new[] { "chain_id", "round", "step" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chains");

            migrationBuilder.DropTable(
                name: "deadline_clocks");

            migrationBuilder.DropTable(
                name: "fired_steps");

            migrationBuilder.DropTable(
                name: "rule_versions");
        }
    }
}
