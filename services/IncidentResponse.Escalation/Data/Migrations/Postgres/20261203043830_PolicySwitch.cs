using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Escalation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PolicySwitch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "serious",
                schema: "escalation",
                table: "incidents",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "severity_level",
                schema: "escalation",
                table: "incidents",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "policy_switched_at",
                schema: "escalation",
                table: "chains",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_policy_id",
                schema: "escalation",
                table: "chains",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rounds_before",
                schema: "escalation",
                table: "chains",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "serious",
                schema: "escalation",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "severity_level",
                schema: "escalation",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "policy_switched_at",
                schema: "escalation",
                table: "chains");

            migrationBuilder.DropColumn(
                name: "previous_policy_id",
                schema: "escalation",
                table: "chains");

            migrationBuilder.DropColumn(
                name: "rounds_before",
                schema: "escalation",
                table: "chains");
        }
    }
}
