using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DutyLateReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "confirmation_record",
                table: "incident_deadlines",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "confirmation_record_expected",
                table: "incident_deadlines",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "late_reason",
                table: "incident_deadlines",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "late_reason_required",
                table: "incident_deadlines",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "confirmation_record",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "confirmation_record_expected",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "late_reason",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "late_reason_required",
                table: "incident_deadlines");
        }
    }
}
