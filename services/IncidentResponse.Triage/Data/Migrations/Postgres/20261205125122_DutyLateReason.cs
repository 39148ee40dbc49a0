using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DutyLateReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "confirmation_record",
                schema: "triage",
                table: "incident_deadlines",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "confirmation_record_expected",
                schema: "triage",
                table: "incident_deadlines",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "late_reason",
                schema: "triage",
                table: "incident_deadlines",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "late_reason_required",
                schema: "triage",
                table: "incident_deadlines",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "confirmation_record",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "confirmation_record_expected",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "late_reason",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "late_reason_required",
                schema: "triage",
                table: "incident_deadlines");
        }
    }
}
