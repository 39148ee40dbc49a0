using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Notifications.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncidentCopiesAndAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "announced_at",
                table: "engagements",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "chain_held_at",
                table: "engagements",
                type: "INTEGER",
                nullable: true);

            // Engagements from before: their chains were started then; they are not announced again.
            migrationBuilder.Sql("UPDATE engagements SET chain_held_at = engaged_at, announced_at = engaged_at;");

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    classification = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    severity_level = table.Column<int>(type: "INTEGER", nullable: false),
                    serious = table.Column<bool>(type: "INTEGER", nullable: false),
                    tlp = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    personal_data = table.Column<bool>(type: "INTEGER", nullable: false),
                    affected_system = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    owner_agency = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    deadlines = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    state_version = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.incident_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_engagements_chain_held_at_announced_at",
                table: "engagements",
                columns: new[] { "chain_held_at", "announced_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropIndex(
                name: "ix_engagements_chain_held_at_announced_at",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "announced_at",
                table: "engagements");

            migrationBuilder.DropColumn(
                name: "chain_held_at",
                table: "engagements");
        }
    }
}
