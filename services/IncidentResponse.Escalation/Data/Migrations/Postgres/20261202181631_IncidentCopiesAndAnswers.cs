using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Escalation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IncidentCopiesAndAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "answered_at",
                schema: "escalation",
                table: "fired_steps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "requested_at",
                schema: "escalation",
                table: "fired_steps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "early_milestones",
                schema: "escalation",
                columns: table => new
                {
                    engagement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_early_milestones", x => new { x.engagement_id, x.kind });
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                schema: "escalation",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    state_version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.incident_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fired_steps_outcome_answered_at_requested_at",
                schema: "escalation",
                table: "fired_steps",
                columns: new[] { "outcome", "answered_at", "requested_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "early_milestones",
                schema: "escalation");

            migrationBuilder.DropTable(
                name: "incidents",
                schema: "escalation");

            migrationBuilder.DropIndex(
                name: "ix_fired_steps_outcome_answered_at_requested_at",
                schema: "escalation",
                table: "fired_steps");

            migrationBuilder.DropColumn(
                name: "answered_at",
                schema: "escalation",
                table: "fired_steps");

            migrationBuilder.DropColumn(
                name: "requested_at",
                schema: "escalation",
                table: "fired_steps");
        }
    }
}
