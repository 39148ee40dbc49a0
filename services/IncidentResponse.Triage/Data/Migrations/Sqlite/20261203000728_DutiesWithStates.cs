using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DutiesWithStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "incident_deadlines",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "created_at",
                table: "incident_deadlines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "document_version",
                table: "incident_deadlines",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "note",
                table: "incident_deadlines",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "incident_deadlines",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "due");

            migrationBuilder.AddColumn<long>(
                name: "submitted_at",
                table: "incident_deadlines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "submitted_by",
                table: "incident_deadlines",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "submitted_to",
                table: "incident_deadlines",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "waived_at",
                table: "incident_deadlines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "waived_by",
                table: "incident_deadlines",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "waiver_reason",
                table: "incident_deadlines",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_incident_deadlines_state_due_at",
                table: "incident_deadlines",
                columns: new[] { "state", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_incident_deadlines_state_due_at",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "channel",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "created_at",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "document_version",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "note",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "state",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "submitted_at",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "submitted_by",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "submitted_to",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "waived_at",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "waived_by",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "waiver_reason",
                table: "incident_deadlines");
        }
    }
}
