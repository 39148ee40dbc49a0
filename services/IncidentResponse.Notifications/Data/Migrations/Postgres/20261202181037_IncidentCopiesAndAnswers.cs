using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IncidentCopiesAndAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "announced_at",
                schema: "notifications",
                table: "engagements",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "chain_held_at",
                schema: "notifications",
                table: "engagements",
                type: "timestamp with time zone",
                nullable: true);

            // Engagements from before: their chains were started then; they are not announced again.
            migrationBuilder.Sql("UPDATE notifications.engagements SET chain_held_at = engaged_at, announced_at = engaged_at;");

            migrationBuilder.CreateTable(
                name: "incidents",
                schema: "notifications",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    classification = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    severity_level = table.Column<int>(type: "integer", nullable: false),
                    serious = table.Column<bool>(type: "boolean", nullable: false),
                    tlp = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    personal_data = table.Column<bool>(type: "boolean", nullable: false),
                    affected_system = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    owner_agency = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    deadlines = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    state_version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.incident_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_engagements_chain_held_at_announced_at",
                schema: "notifications",
                table: "engagements",
                columns: new[] { "chain_held_at", "announced_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incidents",
                schema: "notifications");

            migrationBuilder.DropIndex(
                name: "ix_engagements_chain_held_at_announced_at",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "announced_at",
                schema: "notifications",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "chain_held_at",
                schema: "notifications",
                table: "engagements");
        }
    }
}
