using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddIncidentTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incident_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    title_vi = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    playbook = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    assignee = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    done_at = table.Column<long>(type: "INTEGER", nullable: true),
                    done_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    done_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    added_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_tasks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_tasks_incident_id_source_number",
                table: "incident_tasks",
                columns: new[] { "incident_id", "source", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_tasks");
        }
    }
}
