using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DutiesWithStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "channel",
                schema: "triage",
                table: "incident_deadlines",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "created_at",
                schema: "triage",
                table: "incident_deadlines",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "document_version",
                schema: "triage",
                table: "incident_deadlines",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "note",
                schema: "triage",
                table: "incident_deadlines",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                schema: "triage",
                table: "incident_deadlines",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "due");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "submitted_at",
                schema: "triage",
                table: "incident_deadlines",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "submitted_by",
                schema: "triage",
                table: "incident_deadlines",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "submitted_to",
                schema: "triage",
                table: "incident_deadlines",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "waived_at",
                schema: "triage",
                table: "incident_deadlines",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "waived_by",
                schema: "triage",
                table: "incident_deadlines",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "waiver_reason",
                schema: "triage",
                table: "incident_deadlines",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_incident_deadlines_state_due_at",
                schema: "triage",
                table: "incident_deadlines",
                columns: new[] { "state", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_incident_deadlines_state_due_at",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "channel",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "created_at",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "document_version",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "note",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "state",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "submitted_at",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "submitted_by",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "submitted_to",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "waived_at",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "waived_by",
                schema: "triage",
                table: "incident_deadlines");

            migrationBuilder.DropColumn(
                name: "waiver_reason",
                schema: "triage",
                table: "incident_deadlines");
        }
    }
}
