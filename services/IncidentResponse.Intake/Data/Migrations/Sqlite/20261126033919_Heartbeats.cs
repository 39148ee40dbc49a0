using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Intake.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Heartbeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "heartbeats",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    integration_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    interval_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_ping_at = table.Column<long>(type: "INTEGER", nullable: true),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    missed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_heartbeats", x => x.name);
                });

            migrationBuilder.CreateIndex(
                name: "ix_heartbeats_status_due_at",
                table: "heartbeats",
                columns: new[] { "status", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "heartbeats");
        }
    }
}
