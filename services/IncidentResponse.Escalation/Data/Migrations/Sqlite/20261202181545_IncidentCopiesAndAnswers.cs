using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Escalation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncidentCopiesAndAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "answered_at",
                table: "fired_steps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "requested_at",
                table: "fired_steps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "early_milestones",
                columns: table => new
                {
                    engagement_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_early_milestones", x => new { x.engagement_id, x.kind });
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    state_version = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.incident_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fired_steps_outcome_answered_at_requested_at",
                table: "fired_steps",
                columns: new[] { "outcome", "answered_at", "requested_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "early_milestones");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropIndex(
                name: "ix_fired_steps_outcome_answered_at_requested_at",
                table: "fired_steps");

            migrationBuilder.DropColumn(
                name: "answered_at",
                table: "fired_steps");

            migrationBuilder.DropColumn(
                name: "requested_at",
                table: "fired_steps");
        }
    }
}
